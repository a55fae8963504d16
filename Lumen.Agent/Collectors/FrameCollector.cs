using Lumen.Agent.Collectors.Processes;
using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors;

/// <summary>
/// Builds one <see cref="IngestFrame"/> per tick from independent sources. It owns the
/// sources (and through them every previous reading); a source that throws is reported and
/// the others still fill their fields. No actors: the supervised actor wraps this.
/// </summary>
public sealed class FrameCollector : IDisposable
{
    private readonly IReadOnlyList<IFrameSource> _sources;
    private readonly TimeProvider _time;

    public FrameCollector(IEnumerable<IFrameSource> sources, TimeProvider? time = null)
    {
        _sources = sources.ToList();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>A collector with every source of <see cref="CollectorSources.Default"/>.</summary>
    public static FrameCollector Create(CollectorOptions options, TimeProvider? time = null) =>
        new(CollectorSources.Default(options), time);

    public async Task<FrameCollection> CollectAsync(DateTimeOffset ts, CancellationToken ct = default)
    {
        var frame = new IngestFrame { Ts = ts };
        var tick = new TickContext(ts, _time.GetTimestamp() / (double)_time.TimestampFrequency);
        var failures = new List<SourceFailure>();
        var notices = new List<string>();

        foreach (var source in _sources)
        {
            try
            {
                if (await source.CollectAsync(frame, tick, ct) is { } notice) notices.Add($"{source.Name}: {notice}");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                // Any failure of one source, expected or not, must not cost the others their data.
                failures.Add(new SourceFailure(source.Name, e));
            }
        }

        return new FrameCollection(frame, failures, notices);
    }

    /// <summary>Hands the hub's processes policy to the sources that follow it.</summary>
    public void Follow(ProcessesPolicy policy)
    {
        foreach (var source in _sources)
            if (source is ProcessSource processes) processes.Follow(policy);
    }

    public void Dispose()
    {
        foreach (var source in _sources.OfType<IDisposable>()) source.Dispose();
    }
}
