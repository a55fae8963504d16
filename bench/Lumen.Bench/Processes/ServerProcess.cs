using System.Diagnostics;

namespace Lumen.Bench.Processes;

/// <summary>
/// A server under test in its own process (the Release hub or the bare endpoint), so its
/// CPU and memory can be read from /proc apart from the load generator's and the bench's.
/// Its output goes to a log file; disposing kills it if it is still running.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly string _workingDirectory;

    private ServerProcess(Process process, StreamWriter log, string workingDirectory, Uri baseUri)
    {
        (_process, _log, _workingDirectory, BaseUri) = (process, log, workingDirectory, baseUri);
    }

    public Uri BaseUri { get; }
    public int Pid => _process.Id;

    /// <summary>
    /// Starts <c>dotnet DLL ARGS</c> in an empty working directory and returns once
    /// <paramref name="readyPath"/> answers 2xx. The directory is empty because ASP.NET watches
    /// its content root (the working directory) for configuration changes, and files written
    /// there by anything else would wake that watcher during the measurement.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment,
        Uri baseUri, string readyPath, string logPath)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("lumen-bench-cwd-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start dotnet {dll}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, log, workingDirectory, baseUri);
        try
        {
            await server.WaitUntilReadyAsync(readyPath, logPath);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public ProcessSample Sample() => ProcessSample.Read(Pid);

    /// <summary>SIGTERM, then waits for the exit: the hub writes every queued row before it goes.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return _process.ExitCode;
        Posix.Terminate(Pid);
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    private async Task WaitUntilReadyAsync(string readyPath, string logPath)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"server exited with {_process.ExitCode} while starting; see {logPath}");
            try
            {
                using var response = await http.GetAsync(readyPath);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"server did not answer {readyPath} within {StartTimeout.TotalSeconds:F0} s; see {logPath}");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        lock (_log) _log.Dispose();
        Directory.Delete(_workingDirectory, recursive: true);
    }
}
