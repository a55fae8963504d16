using System.Diagnostics;
using System.Text.RegularExpressions;
using Lumen.Hub.Backups.Targets;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Support;

/// <summary>
/// A real S3-compatible server, s3rver from npm (specs/tools/s3rver, installed by
/// specs/run-all.sh), on 127.0.0.1 at a port it picks itself, over a temp folder, with one
/// bucket. Its keys are fixed by s3rver: <see cref="AccessKey"/>/<see cref="SecretKey"/>.
/// </summary>
public sealed partial class S3rver : IAsyncLifetime
{
    public const string Bucket = "lumen-backups";
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "lumen-specs", "s3rver-" + Guid.NewGuid().ToString("N"));
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;

    public string Endpoint { get; private set; } = "";

    /// <summary>The server's log lines, one per request it answered among them, to see which calls a target made.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; } = new();

    /// <summary>A target on this server's bucket; any option can be changed with <c>with</c>.</summary>
    public S3TargetOptions Options(string prefix = "lumen/") => new(Endpoint, "auto", Bucket, prefix, AccessKey, SecretKey, ForcePathStyle: true);

    public async Task InitializeAsync()
    {
        var script = RepositoryFiles.PathOf("specs/tools/s3rver/node_modules/s3rver/bin/s3rver.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"{script} is missing: run `npm ci` in specs/tools/s3rver (specs/run-all.sh does)");
        Directory.CreateDirectory(_folder);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, "-d", _folder, "-a", "127.0.0.1", "-p", "0", "--configure-bucket", Bucket }) start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        // Read to the end, always: a full pipe would stall the server on its per-request log lines.
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not { } text) return;
            Log.Enqueue(text);
            if (Listening().Match(text) is { Success: true } match) _listening.TrySetResult(match.Groups[1].Value);
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var address = await _listening.Task.WaitAsync(StartTimeout);
        Endpoint = $"http://{address}";
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"S3rver listening on (127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
