using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Lumen.Specs.Support;

/// <summary>
/// One of Lumen's binaries running under <c>dotnet</c> as a child of the spec, its output kept
/// for failure messages and for what the specs look for in it (log lines, secrets). Stopped
/// by signal: SIGKILL for a crash, SIGTERM for a service stop (SIGINT is unreliable here: a
/// process started in the background may inherit it as ignored).
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    /// <summary>Every child not yet disposed, killed when the test host exits, should a spec never reach its Dispose.</summary>
    private static readonly ConcurrentDictionary<ChildProcess, byte> Live = new();

    static ChildProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var child in Live.Keys)
        {
            try { child.Dispose(); } catch (Exception e) when (e is TimeoutException or InvalidOperationException) { }
        }
    };

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Stopwatch _age = Stopwatch.StartNew();
    private bool _disposed;

    private ChildProcess(Process process, string name)
    {
        (_process, Name) = (process, name);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Live[this] = 0;
    }

    public string Name { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>Only once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The last <paramref name="lines"/> lines of output, for failure messages that must stay readable.</summary>
    public string Tail(int lines = 60)
    {
        var all = Output.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    /// <summary>How many lines of output contain <paramref name="text"/>.</summary>
    public int CountLines(string text) => Output.Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal));

    /// <param name="dll">the built binary, run as <c>dotnet DLL ARGS</c>.</param>
    /// <param name="environment">set on top of the spec's environment, from which every LUMEN_ variable is removed first.</param>
    public static ChildProcess Start(string name, string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("LUMEN_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(inherited);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}"), name);
    }

    /// <summary>Waits, bounded, until a line of output contains <paramref name="text"/>.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout) =>
        Eventually.TrueAsync(() =>
        {
            if (HasExited) throw new InvalidOperationException($"{Name} exited with {ExitCode} before printing '{text}':\n{Output}");
            return Output.Contains(text, StringComparison.Ordinal);
        }, $"{Name} to print '{text}'", timeout, () => Output, Eventually.ProcessPollEvery);

    /// <summary>Waits, bounded, for a process that ends by itself (a command-line run); its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{Name} did not finish within {timeout.TotalSeconds} s and was killed:\n{Output}");
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, exactly what a crash or the OOM killer does.</summary>
    public void Kill()
    {
        if (HasExited) return;
        Signal(SigKill);
        if (!_process.WaitForExit(ExitWait)) throw new TimeoutException($"{Name} (pid {Pid}) survived SIGKILL for {ExitWait.TotalSeconds} s");
    }

    /// <summary>SIGTERM, as systemd stops a service; SIGKILL if it has not exited within <paramref name="timeout"/>.</summary>
    /// <returns>the exit code of a graceful stop.</returns>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        Signal(SigTerm);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{Name} did not stop within {timeout.TotalSeconds} s of SIGTERM and was killed:\n{Output}");
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            Kill();
        }
        finally
        {
            Live.TryRemove(this, out _);
            _process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Append($"[{Name} +{_age.Elapsed.TotalSeconds:F1}s] ").AppendLine(line);
    }

    private void Signal(int signal)
    {
        if (sys_kill(_process.Id, signal) != 0 && !HasExited)
            throw new InvalidOperationException($"could not send signal {signal} to {Name} (pid {Pid}): errno {Marshal.GetLastPInvokeError()}");
    }

    private const int SigKill = 9;
    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int sys_kill(int pid, int signal);
}
