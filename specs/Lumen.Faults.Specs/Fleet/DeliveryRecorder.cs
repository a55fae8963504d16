using System.Text.Json;
using Lumen.Protocol.Json;
using Lumen.Protocol.Ingest;

namespace Lumen.Faults.Specs.Fleet;

/// <summary>
/// Sits under the simulated agents' <see cref="Lumen.Agent.Sending.HubClient"/>s and writes
/// every ingest post and its answer into the <see cref="FleetLedger"/>: which host (by its
/// token), which frame (by its ts), what the hub said. Changes nothing on the way.
/// </summary>
public sealed class DeliveryRecorder(FleetLedger ledger, IReadOnlyDictionary<string, long> hostsByToken, HttpMessageHandler inner)
    : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.AbsolutePath.EndsWith("/api/ingest", StringComparison.Ordinal) != true || request.Content is null)
            return await base.SendAsync(request, cancellationToken);

        var host = hostsByToken.TryGetValue(request.Headers.Authorization?.Parameter ?? "", out var id) ? id : -1;
        var frame = JsonSerializer.Deserialize(await request.Content.ReadAsByteArrayAsync(cancellationToken), LumenJson.IngestFrame)!;
        var ts = frame.Ts.ToUnixTimeMilliseconds();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var instance = response.Headers.TryGetValues(DurabilityHeaders.Instance, out var values) ? values.First() : null;
            ledger.Posted(new PostRecord(host, ts, (int)response.StatusCode, ledger.Now, instance, response.Headers.RetryAfter is not null));
            return response;
        }
        catch (Exception)
        {
            ledger.Posted(new PostRecord(host, ts, 0, ledger.Now, null, false));
            throw;
        }
    }
}
