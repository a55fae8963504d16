using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors.Processes;

/// <summary>
/// Fills <c>processes</c> with the busiest processes, only while the hub's policy asks for them
/// and <c>LUMEN_AGENT_PROCESSES</c> is not false (the host's setting always wins). Every tick
/// reads one /proc/[pid]/stat per process into one buffer; only the chosen few have their
/// status (name, user) and cmdline read. A process that exits meanwhile is skipped, and the
/// next one takes its place. Otherwise the frame's <c>processes</c> stays null, so a Go hub gets
/// no field it would refuse.
/// </summary>
public sealed class ProcessSource(CollectorOptions options) : IFrameSource
{
    /// <summary>Holds stat and status whole; a longer cmdline is cut here, well past what a frame carries.</summary>
    private const int BufferBytes = 4096;

    private static readonly double BytesPerPage = Environment.SystemPageSize;

    private readonly string _procRoot = options.ProcRoot;
    private readonly ProcessCpuTimes _cpu = new();
    private volatile ProcessesPolicy _policy = ProcessesPolicy.Off;
    private ProcessesPolicy? _applied;
    private CommandLineRedaction? _redaction;
    private UserNames? _users;
    private byte[]? _buffer;
    private Candidate[] _candidates = [];

    public string Name => "processes";

    /// <summary>The hub's policy changed; the next tick follows it. Called from the collector actor, read by the collecting task.</summary>
    public void Follow(ProcessesPolicy policy) => _policy = policy;

    public ValueTask<string?> CollectAsync(IngestFrame frame, TickContext tick, CancellationToken ct)
    {
        var policy = _policy;
        var notice = ReferenceEquals(policy, _applied) ? null : Apply(policy);
        if (_redaction is not null) frame.Processes = Top(tick, policy);
        return ValueTask.FromResult(notice);
    }

    private string? Apply(ProcessesPolicy policy)
    {
        var wasOn = _redaction is not null;
        _applied = policy;
        (_redaction, _users, _buffer) = (null, null, null);
        _cpu.Forget();
        if (!policy.Enabled) return wasOn ? "the hub's policy turned the process list off" : null;
        if (!options.Processes) return "the hub's policy asks for the process list; LUMEN_AGENT_PROCESSES=false keeps it off on this host";

        var order = policy.SortBy == ProcessSort.Mem ? "memory" : "CPU";
        var notice = $"sending the top {policy.TopN} processes by {order}, as the hub's policy asks";
        var redaction = new CommandLineRedaction();
        if (policy.RedactRegex is { } pattern)
        {
            var (regex, error) = CommandLineRedaction.TryBuild(pattern);
            redaction = regex is null ? CommandLineRedaction.HideAll : new CommandLineRedaction(regex);
            if (error is not null) notice += $"; the hub's processes_redact_regex does not compile here ({error}), so command lines are not sent";
        }
        (_redaction, _users, _buffer) = (redaction, new UserNames(options.HostRoot), new byte[BufferBytes]);
        return notice;
    }

    private ProcessSample[] Top(TickContext tick, ProcessesPolicy policy)
    {
        var count = Measure(tick);
        var candidates = _candidates.AsSpan(0, count);
        if (policy.SortBy == ProcessSort.Mem) candidates.Sort(static (a, b) => b.RssPages != a.RssPages ? b.RssPages.CompareTo(a.RssPages) : b.CpuPct.CompareTo(a.CpuPct));
        else candidates.Sort(static (a, b) => b.CpuPct != a.CpuPct ? b.CpuPct.CompareTo(a.CpuPct) : b.RssPages.CompareTo(a.RssPages));

        var top = new List<ProcessSample>(policy.TopN);
        for (var i = 0; i < candidates.Length && top.Count < policy.TopN; i++)
            if (Describe(candidates[i]) is { } sample) top.Add(sample);
        return top.ToArray();
    }

    /// <summary>Reads every process's stat: its CPU since the last tick and its resident pages.</summary>
    private int Measure(TickContext tick)
    {
        var count = 0;
        _cpu.Begin(tick.MonotonicSeconds);
        foreach (var pid in PidFile.Pids(_procRoot))
        {
            var read = PidFile.Read($"{_procRoot}/{pid}/stat", _buffer!);
            if (read <= 0 || !PidStatParser.TryParse(_buffer.AsSpan(0, read), out var stat)) continue;
            if (count == _candidates.Length) Array.Resize(ref _candidates, Math.Max(256, count * 2));
            _candidates[count++] = new Candidate(pid, _cpu.Percent(pid, stat), stat.RssPages);
        }
        _cpu.End(tick.MonotonicSeconds);
        return count;
    }

    /// <returns>the process as the frame lists it, or null when it exited since its stat was read.</returns>
    private ProcessSample? Describe(Candidate candidate)
    {
        var read = PidFile.Read($"{_procRoot}/{candidate.Pid}/status", _buffer!);
        if (read <= 0) return null;
        var (name, uid) = PidStatus.Parse(_buffer.AsSpan(0, read));
        read = PidFile.Read($"{_procRoot}/{candidate.Pid}/cmdline", _buffer!);
        if (read < 0) return null;
        var cmd = PidCmdline.Parse(_buffer.AsSpan(0, read));
        return new ProcessSample
        {
            Pid = candidate.Pid,
            Name = TextCap.Cap(name, IngestLimits.MaxProcessNameLength),
            User = TextCap.Cap(uid is { } id ? _users!.Of(id) : "", IngestLimits.MaxProcessUserLength),
            CpuPct = Math.Round(candidate.CpuPct, 1),
            RssMb = Math.Round(candidate.RssPages * BytesPerPage / (1024 * 1024), 1),
            // A kernel thread has no command line: shown as ps shows it.
            Cmd = TextCap.Cap(cmd.Length == 0 ? $"[{name}]" : _redaction!.Redact(cmd), IngestLimits.MaxProcessCmdLength),
        };
    }

    private readonly record struct Candidate(int Pid, double CpuPct, long RssPages);
}
