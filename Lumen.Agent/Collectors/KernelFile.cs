namespace Lumen.Agent.Collectors;

/// <summary>
/// Reading kernel pseudo-files, split from parsing them. Devices, sensors and whole subsystems
/// come and go between ticks, so a path that is not there means "no data" (null or empty),
/// never an exception. Other errors (permissions, I/O) still throw to the caller.
/// </summary>
public static class KernelFile
{
    public static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Names of the entries in a directory, or none when the directory is not there.</summary>
    public static IReadOnlyList<string> EntriesOrEmpty(string directory)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).OfType<string>().ToList();
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    /// <summary>True when a file, folder or symlink exists at <paramref name="path"/>.</summary>
    public static bool Exists(string path) => Path.Exists(path);

    /// <summary>Joins a configured root and a kernel path such as <c>"net/dev"</c>.</summary>
    public static string Under(string root, string relative) => Path.Combine(root, relative.TrimStart('/'));
}
