using System.Diagnostics;
using System.Runtime.Versioning;

namespace Lumen.Hub.Specs.Install;

/// <summary>
/// One run of <c>curl -fsSL HUB/install.sh | bash -s -- ARGS</c>, exactly as a user types it,
/// against a scratch root (<c>LUMEN_INSTALL_ROOT</c>) with the commands that would change the
/// machine replaced on PATH by stubs that log their arguments. The stubs keep a little state:
/// <c>useradd</c> creates the user <c>getent passwd</c> later finds, as on a real system.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class InstallerRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private InstallerRun(int exitCode, string stdout, string stderr, IReadOnlyList<string> calls)
    {
        ExitCode = exitCode;
        Stdout = stdout;
        Stderr = stderr;
        Calls = calls;
    }

    public int ExitCode { get; }
    public string Stdout { get; }
    public string Stderr { get; }

    /// <summary>Every stubbed command run, in order, as "name arg arg…".</summary>
    public IReadOnlyList<string> Calls { get; }

    public IEnumerable<string> CallsTo(string command) =>
        Calls.Where(call => call.StartsWith(command + " ", StringComparison.Ordinal)).Select(call => call[(command.Length + 1)..]);

    /// <summary>A scratch machine: its root folder and its stubbed commands, kept across runs of the installer.</summary>
    public sealed class Machine : IDisposable
    {
        public Machine(string folder)
        {
            Folder = folder;
            Directory.CreateDirectory(Root);
            Directory.CreateDirectory(Stubs);
            WriteStubs();
        }

        public string Folder { get; }
        public string Root => Path.Combine(Folder, "root");
        public string Stubs => Path.Combine(Folder, "stubs");
        private string CallLog => Path.Combine(Folder, "calls.log");

        /// <summary>What <c>uname -m</c> answers.</summary>
        public string Architecture { get; set; } = "aarch64";

        /// <summary>What <c>id -u</c> answers: root unless a spec says otherwise, whoever runs the specs.</summary>
        public int Uid { get; set; }

        /// <summary>Whether <c>getent group docker</c> finds the group.</summary>
        public bool HasDockerGroup { get; set; } = true;

        public string PathOf(string pathInRoot) => Path.Combine(Root, pathInRoot.TrimStart('/'));

        public async Task<InstallerRun> InstallAsync(Uri hub, params string[] arguments)
        {
            File.WriteAllText(CallLog, "");
            var start = new ProcessStartInfo("bash")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["-c", """set -o pipefail; curl -fsSL "$LUMEN_SPEC_HUB/install.sh" | bash -s -- "$@" """, "installer", .. arguments])
                start.ArgumentList.Add(argument);
            start.Environment["PATH"] = $"{Stubs}:{Environment.GetEnvironmentVariable("PATH")}";
            start.Environment["LUMEN_INSTALL_ROOT"] = Root;
            start.Environment["LUMEN_SPEC_HUB"] = hub.ToString().TrimEnd('/');
            start.Environment["STUB_LOG"] = CallLog;
            start.Environment["STUB_STATE"] = Folder;
            start.Environment["STUB_ARCH"] = Architecture;
            start.Environment["STUB_UID"] = Uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["STUB_DOCKER"] = HasDockerGroup ? "1" : "0";

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"the installer did not finish within {Timeout}:\n{await stderr}");
            }
            var calls = File.ReadAllLines(CallLog);
            return new InstallerRun(process.ExitCode, await stdout, await stderr, calls);
        }

        private void WriteStubs()
        {
            const string log = """echo "$(basename "$0") $*" >> "$STUB_LOG" """;
            Stub("systemctl", log);
            Stub("usermod", log);
            Stub("chown", log);
            Stub("useradd", log + "\ntouch \"$STUB_STATE/user-created\"");
            Stub("getent", log + """

                case "$1 $2" in
                  "group docker") [ "$STUB_DOCKER" = 1 ] && { echo "docker:x:998:"; exit 0; }; exit 2 ;;
                  "passwd lumen-agent") [ -f "$STUB_STATE/user-created" ] && { echo "lumen-agent:x:997:997::/nonexistent:/usr/sbin/nologin"; exit 0; }; exit 2 ;;
                esac
                exit 2
                """);
            Stub("id", """[ "$1" = -u ] && { echo "$STUB_UID"; exit 0; }; exit 1""");
            Stub("uname", """case "$1" in -m) echo "$STUB_ARCH" ;; -s) echo Linux ;; *) exit 1 ;; esac""");
        }

        private void Stub(string name, string body)
        {
            var path = Path.Combine(Stubs, name);
            File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        public void Dispose()
        {
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        }
    }
}
