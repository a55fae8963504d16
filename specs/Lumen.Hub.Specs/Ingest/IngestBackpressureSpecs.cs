using System.Net;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;
using Lumen.Protocol.Ingest;
using Lumen.Specs.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Ingest;

/// <summary>
/// When the disk falls behind, ingest answers 503 with Retry-After instead of dropping or
/// buffering without bound; when the disk is back, everything acknowledged gets written.
/// The disk "falls behind" for real: another connection holds the SQLite write lock.
/// </summary>
public sealed class IngestBackpressureSpecs
{
    /// <summary>Far more frames than a one-row queue and the stream stages in flight can hold.</summary>
    private const int MaxFramesBeforeFull = 20;

    [Fact]
    public async Task Ingest_should_answer_503_with_retry_after_and_then_recover_when_the_writer_is_blocked_and_released()
    {
        await using var hub = new HubFactory()
            .With("LUMEN_HUB_BATCH_QUEUE_SIZE", "1")
            .With("LUMEN_HUB_BATCH_FLUSH_SIZE", "1")
            .With("LUMEN_HUB_BATCH_FLUSH_EVERY", "200ms");
        var pi = await hub.AddHostAsync("pi");
        var client = hub.AgentClient(pi.Token);
        var ledger = hub.Services.GetRequiredService<DurabilityLedger>();

        var acknowledged = new List<long>();
        HttpResponseMessage? refused = null;
        using (HoldWriteLock(hub.Database.FilePath))
        {
            for (var second = 0; second < MaxFramesBeforeFull && refused is null; second++)
            {
                var response = await client.PostAsync("/api/ingest", Frames.Content(second));
                if (response.StatusCode == HttpStatusCode.NoContent) acknowledged.Add(response.LongHeader(DurabilityHeaders.Sequence));
                else refused = response;
            }

            Assert.NotNull(refused);
            await refused.AssertApiErrorAsync(HttpStatusCode.ServiceUnavailable);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 must say when to come back");
            Assert.NotEmpty(acknowledged);
            Assert.Equal(0, hub.Database.Scalar("SELECT count(*) FROM snapshots;"));
            // The refused frame's number is settled at once, yet nothing is reported durable.
            Assert.Equal(0, ledger.DurableFor(pi.Host.Id));
        }

        // The agent keeps the refused frame and sends it again until the hub takes it.
        var retrySecond = acknowledged.Count;
        HttpResponseMessage retry = null!;
        await Eventually.TrueAsync(async () =>
        {
            retry = await client.PostAsync("/api/ingest", Frames.Content(retrySecond));
            return retry.StatusCode == HttpStatusCode.NoContent;
        }, "ingest to be accepted again");
        var lastSeq = retry.LongHeader(DurabilityHeaders.Sequence);

        await Eventually.TrueAsync(() => ledger.DurableFor(pi.Host.Id) == lastSeq, "every acknowledged frame to become durable");
        Assert.Equal(acknowledged.Count + 1, hub.Database.Scalar($"SELECT count(*) FROM snapshots WHERE host_id = {pi.Host.Id.Value};"));
    }

    /// <summary>Another process's write transaction on the hub's file, until disposed.</summary>
    private static SqliteConnection HoldWriteLock(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE;";
        begin.ExecuteNonQuery();
        return connection;
    }
}
