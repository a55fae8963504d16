using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Collectors.Gpu;

/// <summary>
/// NVIDIA GPUs as nvidia-smi lists them. Where to look is <see cref="CollectorOptions.ExecutableSearchPath"/>;
/// how often to look and to retry after a failure is <see cref="NvidiaSmiSchedule"/>'s. A machine
/// without nvidia-smi costs a look along PATH every few minutes and never a process.
/// </summary>
public sealed class NvidiaGpus(CollectorOptions options) : IDisposable
{
    private readonly NvidiaSmiSchedule _schedule = new(options.NvidiaSmiRetry);
    private NvidiaSmi? _smi;
    private string? _path;

    /// <param name="now">seconds on the tick's monotonic clock.</param>
    /// <returns>The GPUs (none when nvidia-smi is missing, busy or failed) and a notice worth one log line, or null.</returns>
    public async ValueTask<(IReadOnlyList<GpuSample> Gpus, string? Notice)> ReadAsync(double now, CancellationToken ct)
    {
        if (!_schedule.IsDue(now)) return ([], null);
        _path ??= SearchPath.Find(NvidiaSmi.Program, options.ExecutableSearchPath);
        if (_path is null)
        {
            _schedule.NotFound(now);
            return ([], null);
        }
        return await RunAsync(_path, now, ct);
    }

    private async Task<(IReadOnlyList<GpuSample>, string?)> RunAsync(string path, double now, CancellationToken ct)
    {
        _smi ??= new NvidiaSmi(options.NvidiaSmiTimeout);
        if (_smi.IsBusy) return ([], null);
        var run = await _smi.RunAsync(path, ct);
        if (run.Output is { } output) return (NvidiaSmiCsv.Parse(output), _schedule.Succeeded());
        // Removed or made unusable since it was found: look along PATH again next time.
        if (!run.Started) _path = null;
        return ([], _schedule.Failed(now, run.Problem ?? "nvidia-smi failed"));
    }

    public void Dispose() => _smi?.Dispose();
}
