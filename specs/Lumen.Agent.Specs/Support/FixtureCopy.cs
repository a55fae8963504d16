namespace Lumen.Agent.Specs.Support;

/// <summary>
/// A writable copy of fixture trees in a temporary folder, so a spec can let the "machine"
/// change between two ticks the way the kernel's files do.
/// </summary>
public sealed class FixtureCopy : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "lumen-agent-specs-" + Guid.NewGuid().ToString("N"));

    public FixtureCopy(string tree) => CopyTree(Fixture.Root(tree), Root);

    public string Proc => Path.Combine(Root, "proc");

    public string Sys => Path.Combine(Root, "sys");

    /// <summary>Writes the files of <paramref name="tree"/> over the copy; files it lacks stay.</summary>
    public void Overlay(string tree) => CopyTree(Fixture.Root(tree), Root);

    /// <summary>Makes the copy exactly <paramref name="tree"/>: what it lacks is gone (an unplugged disk).</summary>
    public void ReplaceWith(string tree)
    {
        Directory.Delete(Root, recursive: true);
        CopyTree(Fixture.Root(tree), Root);
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
