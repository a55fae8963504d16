using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Lumen.Hub.Alerts.Engine;

namespace Lumen.Hub.Alerts.Journal;

/// <summary>
/// Writes the alert journal's events and snapshots as JSON with explicit, versioned manifests
/// (not Akka's default, which stores CLR type names and breaks on a rename), readable with the
/// sqlite3 shell.
/// </summary>
public sealed class AlertJournalSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 5118;

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        PendingStarted => "pending-started.v1",
        PendingCleared => "pending-cleared.v1",
        AlertFired => "alert-fired.v1",
        AlertResolved => "alert-resolved.v1",
        AlertLedgerSnapshot => "alert-ledger.v1",
        _ => throw new ArgumentException($"not an alert journal record: {o.GetType()}", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        PendingStarted e => JsonSerializer.SerializeToUtf8Bytes(e, AlertJournalJsonContext.Default.PendingStarted),
        PendingCleared e => JsonSerializer.SerializeToUtf8Bytes(e, AlertJournalJsonContext.Default.PendingCleared),
        AlertFired e => JsonSerializer.SerializeToUtf8Bytes(e, AlertJournalJsonContext.Default.AlertFired),
        AlertResolved e => JsonSerializer.SerializeToUtf8Bytes(e, AlertJournalJsonContext.Default.AlertResolved),
        AlertLedgerSnapshot s => JsonSerializer.SerializeToUtf8Bytes(s, AlertJournalJsonContext.Default.AlertLedgerSnapshot),
        _ => throw new ArgumentException($"not an alert journal record: {obj.GetType()}", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        "pending-started.v1" => JsonSerializer.Deserialize(bytes, AlertJournalJsonContext.Default.PendingStarted)!,
        "pending-cleared.v1" => JsonSerializer.Deserialize(bytes, AlertJournalJsonContext.Default.PendingCleared)!,
        "alert-fired.v1" => JsonSerializer.Deserialize(bytes, AlertJournalJsonContext.Default.AlertFired)!,
        "alert-resolved.v1" => JsonSerializer.Deserialize(bytes, AlertJournalJsonContext.Default.AlertResolved)!,
        "alert-ledger.v1" => JsonSerializer.Deserialize(bytes, AlertJournalJsonContext.Default.AlertLedgerSnapshot)!,
        _ => throw new System.Runtime.Serialization.SerializationException($"unknown alert journal manifest '{manifest}'"),
    };
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PendingStarted))]
[JsonSerializable(typeof(PendingCleared))]
[JsonSerializable(typeof(AlertFired))]
[JsonSerializable(typeof(AlertResolved))]
[JsonSerializable(typeof(AlertLedgerSnapshot))]
internal sealed partial class AlertJournalJsonContext : JsonSerializerContext;
