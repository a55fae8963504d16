using System.Globalization;

namespace Lumen.Hub.History.Export;

/// <summary>
/// The name an export is saved under: <c>&lt;host&gt;-&lt;from&gt;-&lt;to&gt;.&lt;extension&gt;</c>,
/// times in UTC as <c>20261127T110000Z</c> (no colon, which Windows refuses in a file name).
/// </summary>
public static class ExportFileName
{
    /// <summary>
    /// Keeps letters, digits, <c>.</c>, <c>-</c> and <c>_</c> of the host name, anything else
    /// becoming <c>_</c>: today's host names hold nothing else, but a name that reached the
    /// database another way must not put a quote, a slash or a line break into the header or
    /// the saved file's path. A leading dot (a hidden file) becomes <c>_</c> too.
    /// </summary>
    public static string For(string host, HistoryWindow window, string extension)
    {
        var safe = string.Create(host.Length, host, static (chars, name) =>
        {
            for (var i = 0; i < name.Length; i++)
                chars[i] = char.IsAsciiLetterOrDigit(name[i]) || (name[i] is '-' or '_' or '.' && i > 0) ? name[i] : '_';
        });
        return $"{(safe.Length > 0 ? safe : "host")}-{Stamp(window.From)}-{Stamp(window.To)}.{extension}";
    }

    private static string Stamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
