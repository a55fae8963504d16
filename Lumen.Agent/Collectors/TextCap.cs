namespace Lumen.Agent.Collectors;

/// <summary>
/// Trims strings to the wire contract's caps: one over-long container image or CPU name
/// would otherwise make the hub refuse the whole frame.
/// </summary>
public static class TextCap
{
    public static string Cap(string? text, int maxLength)
    {
        var trimmed = (text ?? "").Trim();
        return trimmed.Length <= maxLength ? trimmed : trimmed[..maxLength];
    }
}
