using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Lumen.Bench.Stream;

/// <summary>One simulated agent's prebuilt request: its token and its frame body split around the ts.</summary>
public sealed record AgentBody(string Token, byte[] Before, byte[] After)
{
    /// <summary>The lines of the frames file (token TAB before-ts TAB after-ts), first <paramref name="count"/>.</summary>
    public static IReadOnlyList<AgentBody> Read(string framesFile, int count) =>
        File.ReadLines(framesFile).Take(count).Select(line => line.Split('\t'))
            .Select(parts => new AgentBody(parts[0], Encoding.UTF8.GetBytes(parts[1]), Encoding.UTF8.GetBytes(parts[2])))
            .ToList();
}

/// <summary>What the paced agents saw: every request's outcome and latency.</summary>
public sealed record IngestStats(int Hosts, TimeSpan Duration, long Sent, long Succeeded, long Failed, Percentiles Latency, TimeSpan WorstSendSlip)
{
    public double OfferedPerSecond => Sent / Duration.TotalSeconds;
    public double SucceededPerSecond => Succeeded / Duration.TotalSeconds;
}

/// <summary>
/// Agents as they really behave: each host posts one frame every agent interval, the hosts
/// evenly staggered over it (1,000 hosts at 5 s: one request every 5 ms), each frame's ts one
/// interval on from the last. Unlike wrk this holds a rate instead of saturating the hub, so
/// the hub's spare CPU is left for the stream.
/// </summary>
public sealed class PacedAgents(Uri hub, IReadOnlyList<AgentBody> agents, TimeSpan agentInterval)
{
    public async Task<IngestStats> RunAsync(TimeSpan duration, DateTimeOffset tsBase)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 128, UseCookies = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = hub, Timeout = TimeSpan.FromSeconds(10) };
        var slot = agentInterval / agents.Count;
        var total = (int)(duration / slot);
        var latencies = new long[total];
        var outcomes = new bool[total];
        var requests = new List<Task>(total);
        var worstSlip = TimeSpan.Zero;

        var clock = Stopwatch.StartNew();
        for (var k = 0; k < total; k++)
        {
            var due = slot * k;
            if (due - clock.Elapsed is { TotalMilliseconds: > 1 } wait) await Task.Delay(wait);
            if (clock.Elapsed - due is var slip && slip > worstSlip) worstSlip = slip;
            var round = k / agents.Count;
            requests.Add(PostAsync(http, agents[k % agents.Count], tsBase + agentInterval * round, k, latencies, outcomes));
        }
        await Task.WhenAll(requests);

        var succeeded = outcomes.Count(ok => ok);
        return new IngestStats(agents.Count, duration, total, succeeded, total - succeeded,
            Percentiles.Of(latencies.Select(t => TimeSpan.FromTicks(t))), worstSlip);
    }

    private static async Task PostAsync(HttpClient http, AgentBody agent, DateTimeOffset ts, int index, long[] latencies, bool[] outcomes)
    {
        var tsText = Encoding.UTF8.GetBytes(ts.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        var body = new byte[agent.Before.Length + tsText.Length + agent.After.Length];
        agent.Before.CopyTo(body, 0);
        tsText.CopyTo(body, agent.Before.Length);
        agent.After.CopyTo(body, agent.Before.Length + tsText.Length);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = new ByteArrayContent(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", agent.Token);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request);
            outcomes[index] = response.StatusCode == HttpStatusCode.NoContent;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            outcomes[index] = false;
        }
        latencies[index] = Stopwatch.GetElapsedTime(started).Ticks;
    }
}

/// <summary>Percentiles of a set of durations.</summary>
public sealed record Percentiles(int Count, TimeSpan P50, TimeSpan P90, TimeSpan P99, TimeSpan Max)
{
    public static Percentiles Of(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return new Percentiles(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        TimeSpan At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Percentiles(sorted.Length, At(0.50), At(0.90), At(0.99), sorted[^1]);
    }

    public string Ms() => FormattableString.Invariant($"{P50.TotalMilliseconds:F1} / {P90.TotalMilliseconds:F1} / {P99.TotalMilliseconds:F1} / {Max.TotalMilliseconds:F1} ms");
}
