using System.Globalization;
using System.Text.RegularExpressions;

namespace Lumen.Hub.Backups;

/// <summary>
/// The name of a backup file, <c>lumen-YYYY-MM-DDTHH-MM-SSZ.bak</c> in UTC (the Go hub's). Only
/// names of exactly this shape are listed, opened or deleted, so a name from a URL can never
/// reach outside the target, and retention never touches a file the hub did not write.
/// </summary>
public static partial class BackupName
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH-mm-ss'Z'";

    public static string For(DateTimeOffset at) => $"lumen-{at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}.bak";

    public static bool IsValid(string? name) => name is not null && Shape().IsMatch(name) && TakenAt(name) is not null;

    /// <summary>The time in the name, or null when it is not a backup name.</summary>
    public static DateTimeOffset? TakenAt(string name) =>
        Shape().IsMatch(name) && DateTime.TryParseExact(name[6..^4], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : null;

    [GeneratedRegex(@"^lumen-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.bak$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
