namespace Lumen.Hub.Accounts;

/// <summary>
/// The session signing secret (null: generated and kept in the data folder) and an admin to
/// create at start when no user of that name exists.
/// </summary>
public sealed record AccountOptions(string? Secret, string? SeedAdminUsername, string? SeedAdminPassword)
{
    /// <summary>Shortest <c>LUMEN_HUB_SECRET</c> accepted: anything shorter could be guessed offline from one session token.</summary>
    public const int MinSecretLength = 32;

    public override string ToString() => $"AccountOptions {{ Secret = {(Secret is null ? "generated" : "set")}, SeedAdminUsername = {SeedAdminUsername} }}";
}
