namespace Lumen.Agent.Collectors.Gpu;

/// <summary>Finds a program the way a shell does: the first executable file of that name in a PATH-style list.</summary>
public static class SearchPath
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <returns>The program's full path, or null when no folder of <paramref name="searchPath"/> has it.</returns>
    public static string? Find(string program, string searchPath)
    {
        foreach (var folder in searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, program);
            if (IsExecutableFile(candidate)) return candidate;
        }
        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        try
        {
            return File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & AnyExecute) != 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Removed between the two looks, or a folder the agent may not read: not here.
            return false;
        }
    }
}
