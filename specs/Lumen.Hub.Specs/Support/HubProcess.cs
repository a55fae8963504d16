using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Lumen.Hub.Specs.Support;

/// <summary>
/// The real hub binary as a child process on 127.0.0.1, for specs that must kill it. It is
/// the Lumen.Hub.dll built beside this spec project, started with <c>dotnet</c>.
/// </summary>
public sealed class HubProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringWriter _output = new();

    private HubProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }
    public int Pid => _process.Id;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<HubProcess> StartAsync(IReadOnlyDictionary<string, string> environment, int? port = null)
    {
        port ??= FreePort();
        var start = new ProcessStartInfo("dotnet", [HubDll()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["LUMEN_HUB_ADDR"] = $"127.0.0.1:{port}";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var hub = new HubProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        await hub.WaitHealthyAsync(TimeSpan.FromSeconds(30));
        return hub;
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"hub exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { } // a loaded machine: ask again until the deadline
            await Task.Delay(100);
        }
        throw new TimeoutException($"hub did not become healthy within {timeout}:\n{Output}");
    }

    /// <summary>SIGKILL: no flush, no shutdown hooks, exactly what a crash or the OOM killer does.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>
    /// SIGTERM, as systemd stops it: the hub writes what it holds, then exits. Not SIGINT: a
    /// process started from a background job inherits SIGINT as ignored.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (sys_kill(_process.Id, SigTerm) != 0) throw new InvalidOperationException("could not signal the hub");
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int sys_kill(int pid, int signal);

    /// <summary>
    /// A free port below the kernel's ephemeral range: one the OS hands out for outgoing
    /// connections can be taken by another spec's client between this check and the hub's bind.
    /// </summary>
    private static int FreePort()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        var lowestEphemeral = File.Exists(range) && int.TryParse(File.ReadAllText(range).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], out var start) && start > 11_000
            ? start
            : 32_768;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(10_000, lowestEphemeral);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try another
            }
        }
        throw new InvalidOperationException("no free port below the ephemeral range after 100 tries");
    }

    /// <summary>Lumen.Hub.dll of the same configuration as this spec assembly, found from the repository root.</summary>
    private static string HubDll()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "Lumen.Hub", "bin", configuration, "net10.0", "Lumen.Hub.dll");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"Lumen.Hub.dll ({configuration}) not found above {AppContext.BaseDirectory}; build the solution first");
    }
}
