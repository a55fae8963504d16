using System.Globalization;
using System.Text;
using Lumen.Bench.Report;

namespace Lumen.Bench.Stream;

/// <summary>
/// Judges the two phases: reading clients get every frame, on time (within half an interval of
/// its data, so never nearer the next frame than its own);
/// ingest holds its rate; the hub's memory stops growing. Frames are matched across clients
/// by their newest <c>received_at</c>, which is also when the hub had its latest data, so a
/// frame's lateness is its arrival minus that instant (an upper bound on the hub's own delay).
/// </summary>
public sealed class StreamReport(StreamBenchOptions options, string context, StreamPhaseResult baseline, StreamPhaseResult loaded)
{
    public const double MaxIngestChange = 0.10;
    public const double MaxRssGrowth = 0.10;

    /// <summary>Issue 13's goal for a 1,000-host frame after the first, compressed as browsers take it (it was 5.1 MiB).</summary>
    public const long MaxWireBytesPerTick = 300 * 1024;

    private IReadOnlyList<ResultRow>? _rows;

    public IReadOnlyList<ResultRow> Rows => _rows ??= BuildRows();

    public bool AllGoalsMet => Rows.All(row => row.Met != false);

    private IReadOnlyList<ResultRow> BuildRows()
    {
        var rows = new List<ResultRow>();
        var (allGroup, narrowGroup) = (loaded.Readers.Where(r => r.Hosts is null).ToList(), loaded.Readers.Where(r => r.Hosts is not null).ToList());
        var all = FrameGroup.Of(allGroup, Window);
        var narrow = FrameGroup.Of(narrowGroup, Window);
        var expected = (int)Math.Floor((Window.To - Window.From) / options.StreamInterval);

        rows.Add(new($"Frames sent in the window ({(Window.To - Window.From).TotalSeconds:F0} s, one per {options.StreamInterval.TotalSeconds:F0} s)",
            $"{all.Distinct} to all-host clients, {narrow.Distinct} to narrowed ones (≈ {expected} expected)", $"≥ {expected - 1}",
            all.Distinct >= expected - 1 && (narrowGroup.Count == 0 || narrow.Distinct >= expected - 1)));
        var missing = all.Missing.Concat(narrow.Missing).ToList();
        rows.Add(new($"Missing frames per reading client ({loaded.Readers.Count} clients: {allGroup.Count} all hosts, {narrowGroup.Count} on {StreamBenchOptions.NarrowedHosts} hosts)",
            $"total {missing.Sum()}, worst client {missing.DefaultIfEmpty(0).Max()}, clients missing any {missing.Count(m => m > 0)}", "0", missing.Sum() == 0));
        var failures = loaded.Readers.Count(r => r.Failure is not null);
        rows.Add(new("Reading clients disconnected", N(failures), "0", failures == 0));
        var onTime = options.StreamInterval / 2;
        rows.Add(new("Frame lateness p50 / p90 / p99 / max (all-host clients)", all.Lateness.Ms(), $"max < {onTime.TotalSeconds:0.#} s (half an interval)",
            all.Lateness.Count > 0 && all.Lateness.Max < onTime));
        rows.Add(new("First bytes of each frame at any client: p50 / p90 / p99 / max (collection and build, before the fan-out)", all.FirstArrival.Ms()));
        rows.Add(new("Frame lateness p50 / p99 (narrowed clients; includes up to 0.5 s of ingest gap)", $"{Ms(narrow.Lateness.P50)} / {Ms(narrow.Lateness.P99)} ms"));
        rows.Add(new("Frame size decoded, median (all hosts: first frame, full / later frames, deltas; narrowed: later)",
            $"{Kib(FirstFrames(allGroup, _ => true).Select(f => (long)f.Bytes))} / {Kib(all.MedianBytes)} / {Kib(narrow.MedianBytes)}"));
        var compressed = Median(LaterFrames(allGroup, deflate: true).Select(f => f.WireBytes));
        rows.Add(new($"On the wire per tick after the first frame, all {options.Hosts:N0} hosts, median: compressed / not",
            $"{Kib(compressed)} / {Kib(LaterFrames(allGroup, deflate: false).Select(f => f.WireBytes))}",
            $"≤ {Kib(MaxWireBytesPerTick)} compressed", compressed > 0 && compressed <= MaxWireBytesPerTick));
        rows.Add(new($"On the wire, the first (full) frame, all {options.Hosts:N0} hosts, median: compressed / not",
            $"{Kib(FirstFrames(allGroup, c => c.Deflate).Select(f => f.WireBytes))} / {Kib(FirstFrames(allGroup, c => !c.Deflate).Select(f => f.WireBytes))}"));

        var lost = loaded.Silent.Count(s => s.LostAt is not null);
        rows.Add(new($"Silent clients ({loaded.Silent.Count}, {(options.SilentKeepAlive ? "sending a control frame every 10 s" : "sending nothing")})",
            options.SilentKeepAlive ? $"{lost} dropped by the hub" : "see connections over time below"));

        var (b, l) = (baseline.Ingest, loaded.Ingest);
        var change = l.SucceededPerSecond / b.SucceededPerSecond - 1;
        rows.Add(new("Ingests answered 204 per second (without / with stream clients)",
            $"{b.SucceededPerSecond:F1} / {l.SucceededPerSecond:F1} ({change:+0.0%;-0.0%}; offered {l.OfferedPerSecond:F1})",
            $"within {MaxIngestChange:P0}", Math.Abs(change) <= MaxIngestChange && l.Failed == 0 && b.Failed == 0));
        rows.Add(new("Ingest latency p50 / p90 / p99 / max without stream clients", b.Latency.Ms()));
        rows.Add(new("Ingest latency p50 / p90 / p99 / max with stream clients", l.Latency.Ms()));
        rows.Add(new("Failed ingests (without / with)", $"{b.Failed} / {l.Failed}", "0", b.Failed + l.Failed == 0));
        rows.Add(new("Hub CPU (without / with stream clients)", $"{Share(baseline, baseline.HubCpu)} / {Share(loaded, loaded.HubCpu)} of one core"));
        rows.Add(new("Load generator and clients' CPU, same machine (without / with)", $"{Share(baseline, baseline.BenchCpu)} / {Share(loaded, loaded.BenchCpu)} of one core"));

        var (firstHalf, secondHalf) = Halves(loaded.Samples);
        var growth = secondHalf / firstHalf - 1;
        rows.Add(new("Hub RSS, highest in the first / second half of the run (with clients)",
            $"{firstHalf / 1024.0:F0} / {secondHalf / 1024.0:F0} MiB ({growth:+0.0%;-0.0%}); without clients: highest {baseline.Samples.Max(s => s.RssKiB) / 1024.0:F0} MiB",
            $"growth ≤ {MaxRssGrowth:P0}", growth <= MaxRssGrowth));
        return rows;
    }

    private (DateTime From, DateTime To) Window => (loaded.From + options.StreamInterval, loaded.To - options.StreamInterval);

    /// <summary>Frames inside the window, each connection's first (full) one aside, of the clients that do or do not offer compression.</summary>
    private IEnumerable<ReceivedFrame> LaterFrames(IEnumerable<ReadingClient> clients, bool deflate) =>
        clients.Where(c => c.Deflate == deflate).SelectMany(c => c.Frames)
            .Where(f => !f.First && f.NewestReceivedAtTicks >= Window.From.Ticks && f.NewestReceivedAtTicks <= Window.To.Ticks);

    /// <summary>Each chosen connection's first frame: the full form, sent as it connected (before the window).</summary>
    private static IEnumerable<ReceivedFrame> FirstFrames(IEnumerable<ReadingClient> clients, Func<ReadingClient, bool> which) =>
        clients.Where(which).SelectMany(c => c.Frames.Take(1));

    private static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    private static string Kib(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024.0 / 1024.0).ToString("F2", CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " KiB";

    private static string Kib(IEnumerable<long> bytes) => Kib(Median(bytes));

    private static string Share(StreamPhaseResult phase, TimeSpan cpu) => $"{cpu / (phase.To - phase.From):P0}";

    private static (double First, double Second) Halves(IReadOnlyList<HubSample> samples)
    {
        var half = samples.Count / 2;
        return (samples.Take(half).Max(s => s.RssKiB), samples.Skip(half).Max(s => s.RssKiB));
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append(new ResultTable(
        [
            context,
            $"{options.Hosts:N0} agents posting every {options.AgentInterval.TotalSeconds:F0} s (paced, staggered), CPU rings back-filled first; stream interval {options.StreamInterval.TotalSeconds:F0} s; " +
            $"{options.Clients} WebSocket clients: {options.Clients - options.Silent - options.Narrowed} reading all hosts, {options.Narrowed} reading {StreamBenchOptions.NarrowedHosts} hosts, {options.Silent} never reading; {options.Duration.TotalSeconds:F0} s measured per phase",
        ], Rows).ToMarkdown());

        text.AppendLine();
        text.AppendLine("Hub over time (RSS and established TCP connections on its port: agents' keep-alive connections plus stream sockets):");
        text.AppendLine();
        text.AppendLine("| s | RSS without clients | RSS with clients | connections without / with |");
        text.AppendLine("|---|---|---|---|");
        for (var i = 0; i < Math.Max(baseline.Samples.Count, loaded.Samples.Count); i += 2)
        {
            string Cell(IReadOnlyList<HubSample> s, Func<HubSample, string> f) => i < s.Count ? f(s[i]) : "";
            var at = (i < loaded.Samples.Count ? loaded.Samples[i] : baseline.Samples[i]).At.TotalSeconds;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {at:F0} | {Cell(baseline.Samples, s => $"{s.RssKiB / 1024.0:F0} MiB")} | {Cell(loaded.Samples, s => $"{s.RssKiB / 1024.0:F0} MiB")} | {Cell(baseline.Samples, s => N(s.Connections))} / {Cell(loaded.Samples, s => N(s.Connections))} |");
        }
        return text.ToString();
    }

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);
}

/// <summary>The frames of clients sharing one subscription, matched across them.</summary>
public sealed record FrameGroup(int Distinct, IReadOnlyList<int> Missing, Percentiles Lateness, Percentiles FirstArrival, int MedianBytes)
{
    public static FrameGroup Of(IReadOnlyList<ReadingClient> clients, (DateTime From, DateTime To) window)
    {
        bool InWindow(ReceivedFrame f) => f.NewestReceivedAtTicks >= window.From.Ticks && f.NewestReceivedAtTicks <= window.To.Ticks;
        var perClient = clients.Select(c => c.Frames.Where(InWindow).ToList()).ToList();
        var union = perClient.SelectMany(frames => frames.Select(f => f.NewestReceivedAtTicks)).ToHashSet();
        var missing = perClient.Select(frames => union.Count - frames.Select(f => f.NewestReceivedAtTicks).Distinct().Count()).ToList();
        var all = perClient.SelectMany(frames => frames).ToList();
        var lateness = Percentiles.Of(all.Select(f => TimeSpan.FromTicks(f.ArrivedAtTicks - f.NewestReceivedAtTicks)));
        // The first bytes of each frame anywhere: collection and build, before the fan-out, which
        // runs for every connection at once (so the first whole copy arrives about when the last does).
        var first = Percentiles.Of(all.GroupBy(f => f.NewestReceivedAtTicks).Select(g => TimeSpan.FromTicks(g.Min(f => f.FirstBytesAtTicks) - g.Key)));
        var sizes = all.Select(f => f.Bytes).Order().ToList();
        return new FrameGroup(union.Count, missing, lateness, first, sizes.Count == 0 ? 0 : sizes[sizes.Count / 2]);
    }
}
