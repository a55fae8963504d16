namespace Lumen.Hub.Tags;

/// <summary>A tag of the inventory as the API shows it: its listed values (sorted) and how many hosts and rules use it.</summary>
public sealed record Tag(string Key, string Description, IReadOnlyList<string> Values, int HostCount, int RuleCount);

/// <summary>
/// What deleting a tag or a value touches: the hosts carrying it and the rules selecting by
/// it (by name, in id order), counted before anything is deleted.
/// </summary>
public sealed record TagImpact(int HostCount, int RuleCount, IReadOnlyList<string> RuleNames);

/// <summary>A key/value pair hosts carry and how many carry it, for the dashboard's tag filter.</summary>
public sealed record HostTagCount(string Key, string Value, int HostCount);

/// <summary>Body of <c>POST /api/tags</c>.</summary>
public sealed class NewTagRequest
{
    public string? Key { get; set; }
    public string? Description { get; set; }
    public List<string?>? Values { get; set; }
}

/// <summary>Body of <c>PUT /api/tags/{key}</c>: the key itself never changes.</summary>
public sealed class TagDescriptionRequest
{
    public string? Description { get; set; }
}

/// <summary>Body of <c>POST /api/tags/{key}/values</c>.</summary>
public sealed class TagValueRequest
{
    public string? Value { get; set; }
}

/// <summary>Body of <c>PUT /api/hosts/{id}/tags</c>: the host's complete new set.</summary>
public sealed class HostTagsRequest
{
    public Dictionary<string, string?>? Tags { get; set; }
}

/// <summary>What adding a value to a tag came to.</summary>
public enum AddValueOutcome
{
    Added,
    NoSuchTag,
    AlreadyListed,
}
