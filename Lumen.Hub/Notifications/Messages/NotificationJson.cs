using System.Text.Json.Serialization;

namespace Lumen.Hub.Notifications.Messages;

/// <summary>
/// Source-generated JSON of what notifications carry: the stored payload and the generic
/// webhook's body. Written compact and read leniently (a payload stored by an older hub with
/// fewer fields still reads).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(Notification))]
[JsonSerializable(typeof(NotificationGroup))]
public sealed partial class NotificationJson : JsonSerializerContext;

/// <summary>The body of a grouped message to a generic webhook: how many, and each notification.</summary>
public sealed record NotificationGroup(int Count, IReadOnlyList<Notification> Notifications);
