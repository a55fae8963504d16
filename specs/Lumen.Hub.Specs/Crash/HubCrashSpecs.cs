using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Lumen.Hub.Specs.Support;
using Lumen.Hub.Hosts;
using Lumen.Protocol.Json;
using Lumen.Protocol.Ingest;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Crash;

/// <summary>
/// The promise of the durability watermark, against the real binary: a hub killed with
/// SIGKILL before it flushes loses nothing an agent was told is durable, and an agent that
/// re-sends what it still holds ends with every acknowledged frame stored exactly once.
/// </summary>
public sealed class HubCrashSpecs : IDisposable
{
    private const int FlushSize = 20;
    private readonly TempDatabase _db = new();

    [Fact]
    public async Task Hub_should_keep_every_acknowledged_frame_exactly_once_across_a_sigkill_when_the_agent_resends_past_the_watermark()
    {
        var token = new HostStore(_db.Database, TimeProvider.System).Add("nas").Token;
        var environment = new Dictionary<string, string>
        {
            ["LUMEN_HUB_DB_PATH"] = _db.FilePath,
            ["LUMEN_HUB_BATCH_FLUSH_SIZE"] = FlushSize.ToString(),
            ["LUMEN_HUB_BATCH_FLUSH_EVERY"] = "10m",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var agent = new ResendingAgent(token);
        var acknowledged = new List<DateTimeOffset>();

        var (crashing, crashingAddress) = await StartHubAsync("hub#1", environment);
        using (crashing)
        {
            // 50 frames: two full batches are flushed, ten are still in memory when it dies.
            for (var i = 0; i < 50; i++)
                acknowledged.Add(await agent.SendAsync(crashingAddress, Frames.Recent(i * 5)));
            // The second batch commits after its last frame was acknowledged; its watermark reaches the agent later.
            await Eventually.TrueAsync(() => _db.Scalar("SELECT count(*) FROM snapshots") >= 2 * FlushSize, "the second full batch to be committed");
            crashing.Kill();
        }

        var storedAfterCrash = _db.Scalar("SELECT count(*) FROM snapshots");
        Assert.True(storedAfterCrash < 50, $"expected the kill to lose unflushed rows, found {storedAfterCrash} stored");
        Assert.True(agent.Held >= 50 - storedAfterCrash, $"the agent holds {agent.Held} frames but {50 - storedAfterCrash} are missing");

        var (restarted, restartedAddress) = await StartHubAsync("hub#2", environment);
        using (restarted)
        {
            acknowledged.Add(await agent.SendAsync(restartedAddress, Frames.Recent(50 * 5)));
            Assert.Equal(0, agent.Held - agent.HeldFromCurrentInstance);
            Assert.Equal(0, await restarted.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(51, acknowledged.Distinct().Count());
        Assert.Equal(51, _db.Scalar("SELECT count(*) FROM snapshots"));
        Assert.Equal(51, _db.Scalar("SELECT count(DISTINCT ts) FROM snapshots"));
        var first = Frames.Recent(0).Ts.ToUnixTimeMilliseconds();
        var last = Frames.Recent(250).Ts.ToUnixTimeMilliseconds();
        Assert.Equal(51, _db.Scalar($"SELECT count(*) FROM snapshots WHERE ts BETWEEN {first} AND {last}"));
    }

    /// <summary>The real hub binary on a port of its own, as the agent would reach it.</summary>
    private async Task<(ChildProcess Hub, Uri Address)> StartHubAsync(string name, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort.BelowEphemeralRange();
        return (await HubProcess.StartAsync(name, port, environment, _db.Folder), HubProcess.Address(port));
    }

    /// <summary>The part of an agent that matters here: send, remember what is not durable, re-send after a restart.</summary>
    private sealed class ResendingAgent(string token)
    {
        private readonly UnconfirmedFrames<IngestFrame> _unconfirmed = new();
        private string? _instance;

        public int Held => _unconfirmed.Count;
        public int HeldFromCurrentInstance { get; private set; }

        public async Task<DateTimeOffset> SendAsync(Uri hub, IngestFrame frame)
        {
            using var client = new HttpClient { BaseAddress = hub };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var instance = await PostAsync(client, frame);
            if (instance != _instance)
            {
                _instance = instance;
                foreach (var held in _unconfirmed.TakeForResend(instance)) await PostAsync(client, held);
            }
            HeldFromCurrentInstance = _unconfirmed.Count;
            return frame.Ts;
        }

        private async Task<string> PostAsync(HttpClient client, IngestFrame frame)
        {
            using var response = await PostWithRetryAsync(client, frame);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            var instance = response.Headers.GetValues(DurabilityHeaders.Instance).Single();
            var seq = long.Parse(response.Headers.GetValues(DurabilityHeaders.Sequence).Single());
            var durable = long.Parse(response.Headers.GetValues(DurabilityHeaders.DurableSequence).Single());
            _unconfirmed.Acknowledged(frame, instance, seq, durable);
            return instance;
        }
    }

    /// <summary>
    /// As an agent does, a frame that could not be posted (a connection refused or reset on a
    /// loaded machine) is simply posted again: it was never acknowledged, so nothing is at stake.
    /// </summary>
    private static async Task<HttpResponseMessage> PostWithRetryAsync(HttpClient client, IngestFrame frame)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.PostAsJsonAsync("/api/ingest", frame, LumenJson.IngestFrame);
            }
            catch (HttpRequestException) when (attempt < 5)
            {
                await Task.Delay(200 * attempt);
            }
        }
    }

    public void Dispose() => _db.Dispose();
}
