using System.Globalization;
using Lumen.Faults.Specs.Fleet;
using Lumen.Faults.Specs.Support;
using Lumen.Specs.Support;
using Xunit.Abstractions;

namespace Lumen.Faults.Specs.Scenarios;

/// <summary>
/// Issue 7, item 3. The hub's database cannot be written for a while — locked by another
/// connection, read-only, or on a full disk — while agents keep reporting. The live view keeps
/// updating (hosts online, last seen moving), ingest answers 503 with Retry-After once the
/// small queue is full, the failure is logged, nothing is dropped, and writing resumes by itself.
/// </summary>
public sealed class FailingDiskSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Small on purpose, so a short fault fills them: the stream holds a queue and one group
    /// being written plus one being gathered, so about 100 + 2 × 50 frames before a 503.
    /// </summary>
    private static readonly HubSettings SmallQueue = new(FlushEvery: "1s", FlushSize: 50, QueueSize: 100);

    private readonly ITestOutputHelper _output = output;
    private readonly List<IDisposable> _disposables = [];

    [Fact]
    public Task Hub_should_keep_the_live_view_refuse_with_503_and_lose_nothing_when_the_database_is_locked() =>
        RunAsync("3a. Database locked by another connection", "disk-locked", null, rig => new HeldWriteLock(rig.DatabasePath));

    [Fact]
    public Task Hub_should_keep_the_live_view_refuse_with_503_and_lose_nothing_when_the_database_is_read_only() =>
        RunAsync("3b. Database read-only", "disk-read-only", null, rig => new ImmutableFiles(rig.DatabasePath));

    [Fact]
    public Task Hub_should_keep_the_live_view_refuse_with_503_and_lose_nothing_when_the_disk_is_full() =>
        RunAsync("3c. Disk full", "disk-full", 32L * 1024 * 1024, rig => new FullDisk(rig.Tmpfs!));

    private async Task RunAsync(string title, string name, long? tmpfsBytes, Func<FaultRig, IDiskFault> fault)
    {
        var report = Track(new ScenarioReport(_output, title));
        var rig = Track(new FaultRig(_output, name, tmpfsBytes));
        var mode = FaultsMode.Current;
        var simulated = rig.AddHosts("sim", mode.DiskAgents);
        await rig.StartHubAsync(SmallQueue);
        await using var fleet = SimulatedFleet.Start(rig.BaseAddress, simulated, Interval);
        var ledger = fleet.Ledger;
        using var api = await rig.SignInAsync();
        // Every host heard before the fault, so the live view shows it online from its first poll.
        await Eventually.TrueAsync(() => ledger.HostsHeard() == simulated.Count, "every simulated agent's first frame to be taken", TimeSpan.FromSeconds(30),
            () => $"{ledger.HostsHeard()} of {simulated.Count} heard; {ledger.CountStatus(204)} × 204, {ledger.CountStatus(503)} × 503, {ledger.CountStatus(0)} unanswered\n{rig.Hub!.Tail(20)}",
            Eventually.ProcessPollEvery);

        await using var injected = fault(rig);
        var faultStart = ledger.Now;
        var faultStartWall = DateTimeOffset.UtcNow;
        await injected.StartAsync();
        report.Line($"{simulated.Count} simulated agents at {Interval.TotalSeconds:F0} s; queue 100, flush size 50; fault for {mode.DiskFault.TotalSeconds:F0} s: {injected.Describe}");

        var liveView = await WatchLiveViewAsync(api, simulated, faultStartWall, mode.DiskFault);
        var storedDuringFault = rig.Rows().Total;
        await injected.EndAsync();
        var faultEnd = ledger.Now;

        var backlog = ledger.CollectedBefore(faultEnd);
        var (recovery, missing) = await Delivery.WaitStoredAsync(rig, backlog, TimeSpan.FromSeconds(90));
        var during = ledger.Posts.Where(p => p.At >= faultStart && p.At < faultEnd).ToList();
        var refused = during.Where(p => p.Status == 503).ToList();
        var firstRefusal = refused.Count > 0 ? (refused.Min(p => p.At) - faultStart).TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s" : "never";
        var hub = rig.Hub!;
        var lines = hub.Output.Split('\n');
        var failureLines = lines.Where(l => l.Contains("Cannot write snapshots", StringComparison.Ordinal)).ToList();
        var retryLines = lines.Count(l => l.Contains("Still cannot write snapshots", StringComparison.Ordinal));
        var recoveryLine = lines.FirstOrDefault(l => l.Contains("works again", StringComparison.Ordinal));

        report.Line($"live view during the fault: {liveView.Polls} polls of /api/hosts, every host online in {liveView.AllOnline} of them, last_seen_at at most {liveView.WorstAge.TotalSeconds:F1} s old");
        report.Line($"ingest during the fault: {during.Count} posts, {during.Count(p => p.Status == 204)} × 204, {refused.Count} × 503 (first after {firstRefusal}, {refused.Count(p => p.RetryAfter)} with Retry-After), {during.Count(p => p.Status >= 500 && p.Status != 503)} other 5xx");
        report.Line($"hub log: {failureLines.Count} error line(s) (`{Message(failureLines.FirstOrDefault())}`), {retryLines} retry warnings, then `{Message(recoveryLine)}`");
        report.Line($"after the fault: all {backlog.Count} frames collected so far stored {recovery.TotalSeconds:F1} s after it ended ({storedDuringFault} rows were on disk when it ended); lost {missing.Count}");

        Assert.False(hub.HasExited, $"the hub died during the fault:\n{hub.Tail()}");
        Assert.True(liveView.AllOnline == liveView.Polls, $"hosts went offline in the live view during the fault (online in {liveView.AllOnline} of {liveView.Polls} polls)");
        Assert.True(liveView.WorstAge < Interval * 4, $"the live view's last_seen_at fell {liveView.WorstAge.TotalSeconds:F1} s behind");
        Assert.True(refused.Count > 0, "the queue never filled: no 503 during the fault");
        Assert.All(refused, p => Assert.True(p.RetryAfter, "a 503 without Retry-After"));
        Assert.Equal(0, during.Count(p => p.Status >= 500 && p.Status != 503));
        Assert.True(failureLines.Count > 0 && failureLines[0].Contains(injected.ExpectedCause, StringComparison.Ordinal),
            $"no error line saying '{injected.ExpectedCause}':\n{hub.Tail()}");
        Assert.NotNull(recoveryLine);
        Assert.True(missing.Count == 0, $"frames not stored 90 s after the fault ended: {Delivery.Describe(missing)}\n{hub.Tail()}");
    }

    /// <summary>A log line without the process prefix and timestamp.</summary>
    private static string Message(string? line) =>
        line is null ? "none" : line[(line.IndexOf(": ", line.IndexOf("] ", StringComparison.Ordinal), StringComparison.Ordinal) + 2)..].Trim();

    private sealed record LiveViewWatch(int Polls, int AllOnline, TimeSpan WorstAge);

    /// <summary>Polls <c>/api/hosts</c> through the fault: every simulated host online, its last_seen_at fresh.</summary>
    private static async Task<LiveViewWatch> WatchLiveViewAsync(HubApi api, IReadOnlyList<HostCredential> hosts, DateTimeOffset from, TimeSpan duration)
    {
        var ids = hosts.Select(h => h.Id).ToHashSet();
        var (polls, allOnline, worst) = (0, 0, TimeSpan.Zero);
        while (DateTimeOffset.UtcNow - from < duration)
        {
            await Task.Delay(Interval);
            var views = (await api.HostsAsync()).Where(h => ids.Contains(h!["id"]!.GetValue<long>())).ToList();
            var now = DateTimeOffset.UtcNow;
            polls++;
            if (views.Count == ids.Count && views.All(v => v!["online"]!.GetValue<bool>())) allOnline++;
            foreach (var view in views)
            {
                var seen = view!["last_seen_at"]?.GetValue<DateTime>() is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : DateTimeOffset.MinValue;
                if (now - seen > worst) worst = now - seen;
            }
        }
        return new LiveViewWatch(polls, allOnline, worst);
    }

    private T Track<T>(T disposable) where T : IDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables)) disposable.Dispose();
    }
}
