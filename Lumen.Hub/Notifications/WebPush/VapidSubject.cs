namespace Lumen.Hub.Notifications.WebPush;

/// <summary>
/// The contact a push service can reach the hub's operator at (RFC 8292 §2.1, the JWT's
/// <c>sub</c>): a <c>mailto:</c> address or an <c>https://</c> page.
/// </summary>
public static class VapidSubject
{
    /// <summary>
    /// The Go hub's default. Chrome's and Firefox's push services accept it; Apple's refuses
    /// placeholder domains, so the sender says so when a push service turns the token down.
    /// </summary>
    public const string Default = "mailto:admin@example.invalid";

    public const int MaxLength = 256;

    /// <returns>the trimmed subject, or an error saying what a subject must look like.</returns>
    public static (string Value, string? Error) Check(string? text)
    {
        var value = text?.Trim() ?? "";
        const string Shape = "must be a mailto: address (mailto:you@example.org) or an https:// address";
        if (value.Length == 0) return (value, $"subject is required: it {Shape}");
        if (value.Length > MaxLength) return (value, $"subject must be at most {MaxLength} characters");
        if (value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            var address = value["mailto:".Length..];
            var at = address.LastIndexOf('@');
            return at > 0 && at < address.Length - 1 && !address.Any(char.IsWhiteSpace)
                ? (value, null)
                : (value, $"subject '{value}' {Shape}");
        }
        return value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? (value, null)
            : (value, $"subject '{value}' {Shape}");
    }

    /// <summary>
    /// Whether the subject names a domain nobody can write to (<c>.invalid</c>, <c>.local</c>,
    /// <c>localhost</c>, <c>example.*</c>): what Apple's push service answers with 403
    /// <c>BadJwtToken</c>, as users of other web push servers have found.
    /// </summary>
    public static bool IsPlaceholder(string subject)
    {
        var host = subject.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
            ? subject[(subject.LastIndexOf('@') + 1)..]
            : Uri.TryCreate(subject, UriKind.Absolute, out var uri) ? uri.Host : subject;
        host = host.TrimEnd('.').ToLowerInvariant();
        return host is "localhost" || host.EndsWith(".invalid", StringComparison.Ordinal) || host.EndsWith(".local", StringComparison.Ordinal) ||
               host.EndsWith(".localhost", StringComparison.Ordinal) || host.StartsWith("example.", StringComparison.Ordinal) || host.EndsWith(".example", StringComparison.Ordinal);
    }
}
