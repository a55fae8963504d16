using System.ComponentModel;
using System.Diagnostics;

namespace Lumen.Agent.Collectors.Gpu;

/// <summary>
/// One run of nvidia-smi: stdout read to the end (only stdout is redirected, so a chatty stderr
/// cannot fill a pipe nobody reads), killed with its children at the timeout. A run that
/// outlives its kill (a process stuck in the driver cannot die at once) is remembered, and no
/// other starts until it has gone: never two at once.
/// </summary>
public sealed class NvidiaSmi(TimeSpan timeout) : IDisposable
{
    public const string Program = "nvidia-smi";

    public static readonly string[] Arguments =
        ["--query-gpu=index,name,utilization.gpu,memory.used,memory.total,temperature.gpu", "--format=csv,noheader,nounits"];

    private Process? _running;

    /// <summary>True while an earlier run has not exited.</summary>
    public bool IsBusy => _running is { HasExited: false };

    /// <returns>stdout when the run exited with 0, else a stable description of what went wrong.</returns>
    public async Task<NvidiaSmiRun> RunAsync(string path, CancellationToken ct)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in Arguments) start.ArgumentList.Add(argument);
        // Only reached when an earlier run has exited since (IsBusy is false).
        _running?.Dispose();
        _running = null;
        try
        {
            _running = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            return new NvidiaSmiRun(null, $"cannot start {path} ({e.Message})", Started: false);
        }
        return _running is null ? new NvidiaSmiRun(null, $"cannot start {path}", Started: false) : await WaitAsync(_running, path, ct);
    }

    private async Task<NvidiaSmiRun> WaitAsync(Process process, string path, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            var output = await process.StandardOutput.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            return process.ExitCode == 0 ? new NvidiaSmiRun(output, null) : new NvidiaSmiRun(null, $"{path} exited with code {process.ExitCode}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new NvidiaSmiRun(null, $"{path} did not answer within {timeout.TotalSeconds:0.#} s");
        }
        finally
        {
            Kill(process);
            if (process.HasExited)
            {
                process.Dispose();
                _running = null;
            }
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // It exited between the look and the kill.
        }
    }

    public void Dispose() => _running?.Dispose();
}

/// <summary>What one run of nvidia-smi gave: its output, or why there is none.</summary>
/// <param name="Started">false when the program could not even be started (removed, not executable).</param>
public sealed record NvidiaSmiRun(string? Output, string? Problem, bool Started = true);
