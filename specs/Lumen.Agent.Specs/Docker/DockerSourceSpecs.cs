using Lumen.Agent.Collectors;
using Lumen.Agent.Collectors.Docker;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Specs.Docker;

public sealed class DockerSourceSpecs : IAsyncLifetime
{
    private const long HostTotalBytes = 24684084L * 1024;
    private FakeDockerApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeDockerApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private DockerSource Source(TimeSpan? timeout = null) => new(Fixture.Options("this-machine") with
    {
        DockerSocket = _api.SocketPath,
        DockerTimeout = timeout ?? TimeSpan.FromSeconds(5),
    });

    private static async Task<(IngestFrame Frame, string? Notice)> Tick(DockerSource source, double seconds = 0)
    {
        var frame = new IngestFrame();
        var notice = await source.CollectAsync(frame, Fixture.Tick(seconds), default);
        return (frame, notice);
    }

    [Fact]
    public async Task Containers_should_be_reported_as_docker_stats_shows_them()
    {
        using var source = Source();

        var (frame, notice) = await Tick(source);

        Assert.Null(notice);
        var jellyfin = frame.Containers!.Single(c => c.Name == "jellyfin");
        Assert.Equal(new ContainerSample
        {
            Id = "4f9d6c2b1a0e", Name = "jellyfin", Image = "jellyfin/jellyfin:10.9", State = "running",
            CpuPct = 134.57, MemUsedBytes = 734003200, MemLimitBytes = 4294967296, MemPct = 17.09,
        }, jellyfin);
    }

    [Fact]
    public async Task Container_without_a_memory_limit_should_report_the_hosts_memory_as_limit()
    {
        using var source = Source();

        var (frame, _) = await Tick(source);

        var pihole = frame.Containers!.Single(c => c.Name == "pihole");
        Assert.Equal(HostTotalBytes, pihole.MemLimitBytes);
        Assert.Equal(157286400 - 31457280, pihole.MemUsedBytes);
        Assert.Equal(0.5, pihole.MemPct);
    }

    [Fact]
    public async Task Cpu_should_come_from_the_agents_own_previous_reading_with_one_shot_stats()
    {
        using var source = Source();

        var (first, _) = await Tick(source);
        _api.StatsFolder = "stats-5s-later";
        var (second, _) = await Tick(source, 5);

        Assert.Equal(0, first.Containers!.Single(c => c.Name == "pihole").CpuPct);
        Assert.Equal(50, second.Containers!.Single(c => c.Name == "pihole").CpuPct);
        Assert.Equal(200, second.Containers!.Single(c => c.Name == "jellyfin").CpuPct);
        Assert.Contains(_api.Requests, r => r.EndsWith("/stats?stream=false&one-shot=true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Container_that_stopped_before_its_stats_should_be_left_out()
    {
        using var source = Source();

        var (frame, _) = await Tick(source);

        Assert.Equal(["jellyfin", "pihole"], frame.Containers!.Select(c => c.Name).Order());
    }

    [Fact]
    public async Task Missing_socket_should_give_an_empty_list_and_one_notice_not_one_per_tick()
    {
        using var source = new DockerSource(Fixture.Options("this-machine"));

        var (first, notice) = await Tick(source);
        var (_, again) = await Tick(source, 5);

        Assert.Empty(first.Containers!);
        Assert.Contains("no Docker socket", notice);
        Assert.Null(again);
    }

    [Fact]
    public async Task Socket_file_without_a_daemon_should_give_an_empty_list_and_a_notice()
    {
        // A daemon killed hard leaves its socket file behind; nothing accepts on it.
        var stale = Path.Combine(Path.GetTempPath(), $"lumen-stale-{Guid.NewGuid():N}.sock");
        await File.WriteAllTextAsync(stale, "");
        try
        {
            using var source = new DockerSource(Fixture.Options("this-machine") with { DockerSocket = stale });

            var (frame, notice) = await Tick(source);

            Assert.Empty(frame.Containers!);
            Assert.Contains("cannot connect", notice);
        }
        finally
        {
            File.Delete(stale);
        }
    }

    [Fact]
    public async Task Server_error_should_give_an_empty_list_without_throwing_and_recover_with_a_notice()
    {
        using var source = Source();
        _api.ListStatus = 500;

        var (failed, notice) = await Tick(source);
        _api.ListStatus = null;
        var (recovered, recovery) = await Tick(source, 5);

        Assert.Empty(failed.Containers!);
        Assert.Contains("answered 500", notice);
        Assert.Equal(2, recovered.Containers!.Length);
        Assert.Contains("answers again", recovery);
    }

    [Fact]
    public async Task Hung_daemon_should_give_an_empty_list_after_the_timeout()
    {
        using var source = Source(TimeSpan.FromMilliseconds(300));
        _api.ListDelay = TimeSpan.FromSeconds(10);

        var (frame, notice) = await Tick(source);

        Assert.Empty(frame.Containers!);
        Assert.Contains("did not answer within 0.3 s", notice);
    }
}
