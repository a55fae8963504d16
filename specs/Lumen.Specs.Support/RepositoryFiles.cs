namespace Lumen.Specs.Support;

/// <summary>Files of the repository this spec assembly was built from, found by walking up to <c>Lumen.sln</c>.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public static string ReadText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Lumen.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Lumen.sln above {AppContext.BaseDirectory}");
    }
}
