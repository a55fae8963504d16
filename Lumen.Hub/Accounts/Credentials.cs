using System.Security.Cryptography;

namespace Lumen.Hub.Accounts;

/// <summary>Rules for user names and passwords, each answering with a message for the user or null.</summary>
public static class Credentials
{
    public const int MinPasswordLength = 8;

    /// <summary>Long enough for any passphrase; short enough that hashing it costs nothing extra.</summary>
    public const int MaxPasswordLength = 256;

    public const int MaxUsernameLength = 64;

    /// <summary>Letters and digits that cannot be mistaken for one another when read off a console (no l, 1, O, 0).</summary>
    private const string GeneratedPasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int GeneratedPasswordLength = 20;

    /// <summary>A password for a user to read off a console and change later: 20 characters, about 117 bits.</summary>
    public static string GeneratePassword() => RandomNumberGenerator.GetString(GeneratedPasswordAlphabet, GeneratedPasswordLength);

    public static string? ValidateUsername(string? username)
    {
        if (string.IsNullOrEmpty(username)) return "username is required";
        if (username.Length > MaxUsernameLength) return $"username is longer than {MaxUsernameLength} characters";
        foreach (var c in username)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
                return "username may contain only letters, digits and . _ - @";
        return null;
    }

    public static string? ValidatePassword(string? password, string field = "password")
    {
        if (string.IsNullOrEmpty(password)) return $"{field} is required";
        if (password.Length < MinPasswordLength) return $"{field} must be at least {MinPasswordLength} characters";
        if (password.Length > MaxPasswordLength) return $"{field} must be at most {MaxPasswordLength} characters";
        return null;
    }
}
