using System.Text.RegularExpressions;

namespace Lumen.Hub.Install;

/// <summary>
/// The agent binaries the hub hands to its installer, from <c>LUMEN_HUB_INSTALL_DIR</c>. A
/// request names one of a fixed list of files; its name is never joined onto the folder, so
/// no spelling of a path can reach another file.
/// </summary>
public sealed partial class AgentBinaries(InstallOptions options)
{
    /// <summary>Every file the hub serves under <c>/install/</c>, and nothing else.</summary>
    public static readonly IReadOnlyList<string> Names = ["lumen-agent-linux-amd64", "lumen-agent-linux-arm64"];

    /// <summary>A one-line file the release puts beside the binaries, e.g. <c>0.1.0</c>.</summary>
    public const string VersionFileName = "VERSION";

    /// <summary>Enough for any version string; a larger VERSION file is not one.</summary>
    private const int MaxVersionFileBytes = 64;

    public string Folder => options.AgentFolder;

    /// <summary>The file for <paramref name="name"/> when it is on the list and present.</summary>
    public FileInfo? Find(string? name)
    {
        var listed = Names.FirstOrDefault(known => string.Equals(known, name, StringComparison.Ordinal));
        if (listed is null) return null;
        var file = new FileInfo(Path.Combine(options.AgentFolder, listed));
        return file.Exists ? file : null;
    }

    /// <summary>
    /// The version in <c>VERSION</c> beside the binaries, without a <c>+commit</c> suffix; null
    /// when there is no such file or it does not hold a version. Read on each call: it is
    /// a few bytes, and a release copied in while the hub runs shows at once.
    /// </summary>
    public string? Version()
    {
        var file = new FileInfo(Path.Combine(options.AgentFolder, VersionFileName));
        try
        {
            if (!file.Exists || file.Length > MaxVersionFileBytes) return null;
            var text = File.ReadAllText(file.FullName).Trim();
            var plus = text.IndexOf('+');
            if (plus >= 0) text = text[..plus];
            return PlainVersion().IsMatch(text) ? text : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^[0-9]+(?:\.[0-9]+){1,3}(?:-[0-9A-Za-z.-]{1,20})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainVersion();
}
