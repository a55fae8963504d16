using Lumen.Agent.Collectors;
using Lumen.Agent.Collectors.Processes;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Specs.Processes;

/// <summary>
/// The process source on a /proc tree written by the spec: two ticks a second apart, as the
/// collector runs it. CPU is the time gained between them; memory the resident pages.
/// </summary>
public sealed class ProcessSourceSpecs : IDisposable
{
    private static readonly ProcessesPolicy TopThreeByCpu = new(true, 3, ProcessSort.Cpu, null);
    private readonly ProcTree _tree = new();

    public ProcessSourceSpecs()
    {
        _tree.Process(1, "systemd", 0, utime: 500, stime: 300, start: 1, rssPages: 3000, "/sbin/init", "splash");
        _tree.Process(2, "kthreadd", 0, utime: 0, stime: 10, start: 1, rssPages: 0);
        _tree.Process(400, "psql", 999, utime: 10, stime: 5, start: 9000, rssPages: 200_000, "psql", "postgres://app:hunter2@db.lan/app");
        _tree.Process(812, "mysqld", 1000, utime: 7000, stime: 1000, start: 5000, rssPages: 102_400, "/usr/sbin/mysqld", "--user=mysql", "--password=hunter2");
        _tree.Process(900, "tmux: server", 1001, utime: 100, stime: 100, start: 6000, rssPages: 1500, "tmux", "new", "-s", "work");
    }

    private ProcessSource Source(bool allowed = true) =>
        new(new CollectorOptions { ProcRoot = _tree.Proc, HostRoot = _tree.Root, Processes = allowed });

    /// <summary>Two ticks a second apart; between them the processes gain the ticks given.</summary>
    private async Task<(IngestFrame Frame, string? Notice)> TwoTicksAsync(ProcessSource source, Action? between = null)
    {
        var (first, second) = (new IngestFrame(), new IngestFrame());
        var notice = await source.CollectAsync(first, Fixture.Tick(0), default);
        _tree.Stat(1, "systemd", 501, 300, 1, 3000);
        _tree.Stat(400, "psql", 13, 7, 9000, 200_000);
        _tree.Stat(812, "mysqld", 7060, 1020, 5000, 102_400);
        _tree.Stat(900, "tmux: server", 120, 110, 6000, 1500);
        between?.Invoke();
        await source.CollectAsync(second, Fixture.Tick(1), default);
        return (second, notice);
    }

    private static double Mb(long pages) => Math.Round(pages * (double)Environment.SystemPageSize / (1024 * 1024), 1);

    [Fact]
    public async Task Process_source_should_send_nothing_until_the_hubs_policy_asks()
    {
        var (frame, notice) = await TwoTicksAsync(Source());

        Assert.Null(frame.Processes);
        Assert.Null(notice);
    }

    [Fact]
    public async Task Process_source_should_list_the_top_n_by_cpu_with_their_users_memory_and_redacted_command_lines()
    {
        var source = Source();
        source.Follow(TopThreeByCpu);

        var (frame, notice) = await TwoTicksAsync(source);

        Assert.Equal("sending the top 3 processes by CPU, as the hub's policy asks", notice);
        var sent = frame.Processes!.Select(p => (p.Pid, p.Name, p.User, p.CpuPct, p.RssMb, p.Cmd)).ToArray();
        Assert.Equal(
        [
            (812, "mysqld", "alice", 80.0, Mb(102_400), "/usr/sbin/mysqld --user=mysql --password=***"),
            // The real uid, shown as a number when passwd has no name for it.
            (900, "tmux: server", "1001", 30.0, Mb(1500), "tmux new -s work"),
            (400, "psql", "postgres", 5.0, Mb(200_000), "psql postgres://app:***@db.lan/app"),
        ], sent);
    }

    [Fact]
    public async Task Process_source_should_list_by_resident_memory_when_the_policy_sorts_by_mem()
    {
        var source = Source();
        source.Follow(new ProcessesPolicy(true, 4, ProcessSort.Mem, null));

        var (frame, _) = await TwoTicksAsync(source);

        Assert.Equal([400, 812, 1, 900], frame.Processes!.Select(p => p.Pid));
    }

    [Fact]
    public async Task Process_source_should_skip_a_process_that_exits_mid_read_and_let_the_next_take_its_place()
    {
        var source = Source();
        source.Follow(TopThreeByCpu);

        var (frame, _) = await TwoTicksAsync(source, between: () =>
        {
            // The busiest of all, whose status and cmdline are gone by the time they are read.
            _tree.Stat(1500, "backup", 95, 0, 9999, 10);
            // Garbage where a stat line should be, and a pid that has left no files at all.
            _tree.Raw(1600, "stat", "1600 (cut");
            Directory.CreateDirectory(Path.Combine(_tree.Proc, "1700"));
        });

        Assert.Equal([812, 900, 400], frame.Processes!.Select(p => p.Pid));
    }

    [Fact]
    public async Task Process_source_should_show_a_kernel_thread_as_ps_does()
    {
        var source = Source();
        source.Follow(new ProcessesPolicy(true, 50, ProcessSort.Cpu, null));

        var (frame, _) = await TwoTicksAsync(source);

        Assert.Equal("[kthreadd]", frame.Processes!.Single(p => p.Pid == 2).Cmd);
        Assert.Equal(5, frame.Processes!.Length);
    }

    [Fact]
    public async Task Process_source_should_send_at_most_1024_characters_of_a_long_command_line_redacted_first()
    {
        var source = Source();
        source.Follow(TopThreeByCpu);
        _tree.Process(812, "java", 1000, utime: 7000, stime: 1000, start: 5000, rssPages: 10, ["java", "-Dpassword=hunter2", .. Enumerable.Repeat("-Dsome.long.flag=1", 300)]);

        var (frame, _) = await TwoTicksAsync(source);

        var cmd = frame.Processes!.Single(p => p.Pid == 812).Cmd;
        Assert.Equal(IngestLimits.MaxProcessCmdLength, cmd.Length);
        Assert.StartsWith("java -Dpassword=*** -Dsome.long.flag=1", cmd);
    }

    [Fact]
    public async Task Process_source_should_keep_the_list_off_when_the_host_says_false_whatever_the_policy_asks()
    {
        var source = Source(allowed: false);
        source.Follow(TopThreeByCpu);

        var (frame, notice) = await TwoTicksAsync(source);

        Assert.Null(frame.Processes);
        Assert.Equal("the hub's policy asks for the process list; LUMEN_AGENT_PROCESSES=false keeps it off on this host", notice);
    }

    [Fact]
    public async Task Process_source_should_stop_sending_when_the_policy_turns_it_off()
    {
        var source = Source();
        source.Follow(TopThreeByCpu);
        await TwoTicksAsync(source);

        source.Follow(ProcessesPolicy.Off);
        var frame = new IngestFrame();
        var notice = await source.CollectAsync(frame, Fixture.Tick(2), default);

        Assert.Null(frame.Processes);
        Assert.Equal("the hub's policy turned the process list off", notice);
    }

    [Fact]
    public async Task Process_source_should_apply_the_hubs_pattern_and_send_no_command_line_when_it_cannot_build_it()
    {
        var withPattern = Source();
        withPattern.Follow(TopThreeByCpu with { RedactRegex = "mysql|work" });
        var broken = Source();
        broken.Follow(TopThreeByCpu with { RedactRegex = "(?<=x)y" });

        var (redacted, _) = await TwoTicksAsync(withPattern);
        var (hidden, notice) = await TwoTicksAsync(broken);

        Assert.Equal("/usr/sbin/***d --user=*** --password=***", redacted.Processes![0].Cmd);
        Assert.Equal("tmux new -s ***", redacted.Processes[1].Cmd);
        Assert.All(hidden.Processes!, p => Assert.Equal("", p.Cmd));
        Assert.Contains("processes_redact_regex does not compile here", notice);
    }

    public void Dispose() => _tree.Dispose();
}
