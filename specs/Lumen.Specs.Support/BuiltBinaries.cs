namespace Lumen.Specs.Support;

/// <summary>
/// The hub's and the agent's dlls as the solution build left them, of the same configuration
/// as this spec assembly, found by walking up from it to the repository root.
/// </summary>
public static class BuiltBinaries
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string Hub => Find("Lumen.Hub");
    public static string Agent => Find("Lumen.Agent");

    private static string Find(string project)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, project, "bin", Configuration, "net10.0", project + ".dll");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{project}.dll ({Configuration}) not found above {AppContext.BaseDirectory}; build the solution first");
    }
}
