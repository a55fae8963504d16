using Lumen.Agent.Collectors;
using Lumen.Agent.Collectors.Gpu;

namespace Lumen.Agent.Specs.Support;

/// <summary>
/// A real executable named nvidia-smi in a temporary folder, standing in for NVIDIA's: a shell
/// script that notes each run's arguments and then does what the spec says (prints a fixture,
/// exits 9, sleeps past the timeout). The folder is passed to the agent as its search path; the
/// spec process's own PATH is left alone.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FakeNvidiaSmi : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "lumen-nvidia-smi-" + Guid.NewGuid().ToString("N"));

    public FakeNvidiaSmi() => Directory.CreateDirectory(Folder);

    private string Runs => Path.Combine(Folder, "runs");

    /// <summary>The arguments of every run so far, one line each.</summary>
    public IReadOnlyList<string> Invocations => File.Exists(Runs) ? File.ReadAllLines(Runs) : [];

    /// <summary>A file the script may write (a PID), in the fake's folder.</summary>
    public string FileNamed(string name) => Path.Combine(Folder, name);

    /// <summary>Prints a fixture of Fixtures/nvidia-smi/ and exits 0.</summary>
    public FakeNvidiaSmi Printing(string fixture) => Script($"cat '{Path.Combine(Fixture.Root("nvidia-smi"), fixture)}'");

    /// <summary>Makes the program run <paramref name="body"/> (sh) after noting its arguments.</summary>
    public FakeNvidiaSmi Script(string body)
    {
        // Written under another name and moved into place, so no run ever sees half a script.
        var staged = Path.Combine(Folder, ".staged");
        File.WriteAllText(staged, $"#!/bin/sh\necho \"$*\" >> '{Runs}'\n{body}\n");
        File.SetUnixFileMode(staged, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.Move(staged, Path.Combine(Folder, NvidiaSmi.Program), overwrite: true);
        return this;
    }

    public void Remove() => File.Delete(Path.Combine(Folder, NvidiaSmi.Program));

    /// <summary>Options reading the fixture tree <paramref name="tree"/> and finding this fake.</summary>
    public CollectorOptions Options(string tree = "this-machine", TimeSpan? timeout = null) => Fixture.Options(tree) with
    {
        ExecutableSearchPath = "/nonexistent-folder:" + Folder,
        NvidiaSmiTimeout = timeout ?? TimeSpan.FromSeconds(10),
    };

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
