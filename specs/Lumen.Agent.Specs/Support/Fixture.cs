using Lumen.Agent.Collectors;

namespace Lumen.Agent.Specs.Support;

/// <summary>The fixture trees under Fixtures/, each laid out like a machine's root filesystem.</summary>
public static class Fixture
{
    public static string Root(string tree) => Path.Combine(AppContext.BaseDirectory, "Fixtures", tree);

    public static string Proc(string tree) => Path.Combine(Root(tree), "proc");

    public static string Sys(string tree) => Path.Combine(Root(tree), "sys");

    public static string Read(string tree, string relative) => File.ReadAllText(Path.Combine(Root(tree), relative));

    /// <summary>
    /// Options that read only the tree: no Docker socket there, disk usage of the fixture folder,
    /// programs (nvidia-smi) looked for only in its bin folder.
    /// </summary>
    public static CollectorOptions Options(string tree) => OptionsAt(Root(tree));

    public static CollectorOptions OptionsAt(string root) => new()
    {
        ProcRoot = Path.Combine(root, "proc"),
        SysRoot = Path.Combine(root, "sys"),
        HostRoot = root,
        DiskPath = root,
        DockerSocket = Path.Combine(root, "run", "docker.sock"),
        ExecutableSearchPath = Path.Combine(root, "bin"),
    };

    /// <summary>A tick at <paramref name="seconds"/> on the monotonic clock.</summary>
    public static TickContext Tick(double seconds) =>
        new(new DateTimeOffset(2026, 11, 27, 1, 46, 40, TimeSpan.Zero).AddSeconds(seconds), seconds);
}
