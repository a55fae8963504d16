using System.Text.Json.Serialization;

namespace Lumen.Hub.Tags;

/// <summary>
/// Source-generated JSON for the tags API, with the options of every API context of the hub:
/// snake_case, unknown fields and duplicate keys refused.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(Tag))]
[JsonSerializable(typeof(IReadOnlyList<Tag>))]
[JsonSerializable(typeof(TagImpact))]
[JsonSerializable(typeof(IReadOnlyList<HostTagCount>))]
[JsonSerializable(typeof(NewTagRequest))]
[JsonSerializable(typeof(TagDescriptionRequest))]
[JsonSerializable(typeof(TagValueRequest))]
[JsonSerializable(typeof(HostTagsRequest))]
public sealed partial class TagsJsonContext : JsonSerializerContext;
