using System.Text.RegularExpressions;
using Lumen.Faults.Specs.Support;
using Lumen.Specs.Support;
using Xunit.Abstractions;

namespace Lumen.Faults.Specs.Scenarios;

/// <summary>
/// Issue 7, item 4, with the real agent binary: SIGKILLed while it drains its backlog into a
/// hub that came back, and started on a buffer file that was truncated or overwritten while it
/// was down. It must start anyway, say so in one clear line, and deliver what it can still read.
/// </summary>
public sealed partial class AgentFaultSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly ITestOutputHelper _output = output;
    private readonly List<IDisposable> _disposables = [];

    [Fact]
    public async Task Agent_should_deliver_every_tick_once_when_sigkilled_while_it_drains_its_backlog()
    {
        var report = Track(new ScenarioReport(_output, "4a. Agent SIGKILLed mid-drain"));
        var rig = Track(new FaultRig(_output, "agent-kill"));
        var host = rig.AddHosts("real", 1)[0];
        const int drain = 2; // two frames a tick: the backlog takes many ticks, so the kill lands inside it
        var outage = FaultsMode.Current.IsLong ? TimeSpan.FromMinutes(2) : TimeSpan.FromSeconds(14);
        await rig.StartHubAsync();
        await rig.StartAgentAsync(host, drain);
        await WaitForTicksAsync(rig, host, t => t.Count >= 2, "two ticks before the outage", TimeSpan.FromSeconds(30));

        var stoppedAt = DateTimeOffset.UtcNow;
        Assert.Equal(0, await rig.StopHubAsync());
        await Task.Delay(outage);
        await rig.StartHubAsync();
        var restartedAt = DateTimeOffset.UtcNow;
        var backlog = (int)((restartedAt - stoppedAt) / Interval);
        await WaitForTicksAsync(rig, host, t => t.Between(stoppedAt, restartedAt).Count >= 3, "the drain to begin", TimeSpan.FromSeconds(30));
        var drainedBeforeKill = Ticks(rig, host).Between(stoppedAt, restartedAt).Count;
        var killedAt = DateTimeOffset.UtcNow;
        rig.Agents[host.Name].Kill();

        await rig.StartAgentAsync(host, drain);
        var agentRestartedAt = DateTimeOffset.UtcNow;
        var caughtUp = await WaitForTicksAsync(rig, host, t => t.Last > agentRestartedAt + Interval * 3,
            "the restarted agent to drain the rest and catch up", backlog * Interval / drain * 2 + TimeSpan.FromSeconds(60));
        var first = caughtUp.Between(DateTimeOffset.MinValue, killedAt);
        var second = caughtUp.Between(killedAt, DateTimeOffset.MaxValue);
        var recovery = DateTimeOffset.UtcNow - agentRestartedAt;
        report.Line($"hub stopped {outage.TotalSeconds:F0} s with the agent at {Interval.TotalSeconds:F0} s and buffer_drain {drain}: about {backlog} frames buffered; agent SIGKILLed after {drainedBeforeKill} of them reached the hub");
        report.Line($"the killed agent's ticks stored: {first.Count}, problems: {string.Join("; ", first.Problems(Interval).DefaultIfEmpty("none"))}; last one {(killedAt - first.Last!.Value).TotalSeconds:F1} s before the kill");
        report.Line($"the restarted agent drained the rest and caught up in {recovery.TotalSeconds:F1} s; its ticks: {second.Count}, problems: {string.Join("; ", second.Problems(Interval).DefaultIfEmpty("none"))}");

        Assert.Empty(first.Problems(Interval));
        Assert.Empty(second.Problems(Interval));
        // At most the tick of the very moment of the kill may be lost: it was not yet in the file.
        Assert.True(first.Last > killedAt - Interval * 2.5, $"the killed agent's last stored tick is {first.Last:O}, the kill was at {killedAt:O}");
        Assert.True(second.First < agentRestartedAt + Interval * 1.5, $"the restarted agent's first stored tick is {second.First:O}, it started at {agentRestartedAt:O}");
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("overwritten")]
    public async Task Agent_should_start_with_a_clear_line_and_deliver_what_it_can_read_when_its_buffer_file_is_damaged(string damage)
    {
        var report = Track(new ScenarioReport(_output, $"4b. Agent buffer file {damage}"));
        var rig = Track(new FaultRig(_output, $"agent-buffer-{damage}"));
        var host = rig.AddHosts("real", 1)[0];
        // No hub yet: every tick goes to the buffer file.
        var agent = await rig.StartAgentAsync(host);
        var bufferingFrom = DateTimeOffset.UtcNow;
        await agent.WaitForOutputAsync("Cannot deliver to the hub", TimeSpan.FromSeconds(30));
        await Task.Delay(Interval * 6);
        agent.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        var buffered = (int)((killedAt - bufferingFrom) / Interval);
        var file = rig.AgentBufferPath(host);
        var size = new FileInfo(file).Length;
        Damage(file, damage);

        await rig.StartHubAsync();
        var restarted = await rig.StartAgentAsync(host);
        var startedAt = DateTimeOffset.UtcNow;
        await restarted.WaitForOutputAsync("is damaged", TimeSpan.FromSeconds(30));
        var line = restarted.Output.Split('\n').FirstOrDefault(l => l.Contains("is damaged", StringComparison.Ordinal));
        var ticks = await WaitForTicksAsync(rig, host, t => t.Last > startedAt + Interval * 3, "the agent to report after the damage", TimeSpan.FromSeconds(60));
        var salvaged = line is not null && Salvaged().Match(line) is { Success: true } match ? int.Parse(match.Groups[1].Value) : -1;
        var kept = ticks.Between(DateTimeOffset.MinValue, killedAt).Count;
        var fresh = ticks.Between(startedAt, DateTimeOffset.MaxValue);

        report.Line($"about {buffered} frames buffered with the hub down ({size} bytes of file), agent SIGKILLed, file {damage} ({Describe(damage, size)})");
        report.Line($"agent log: `{line?.Trim() ?? "no line about the damage"}`");
        report.Line($"salvaged {salvaged} frames, {kept} of the buffered frames stored; after the restart {fresh.Count} ticks, problems: {string.Join("; ", fresh.Problems(Interval).DefaultIfEmpty("none"))}");

        Assert.False(restarted.HasExited, $"the agent died on the damaged file:\n{restarted.Tail()}");
        Assert.NotNull(line);
        Assert.Contains("moved it to", line);
        Assert.True(salvaged > 0, "nothing was salvaged from a file with one damaged page");
        Assert.Equal(salvaged, kept);
        Assert.Empty(fresh.Problems(Interval));
        Assert.True(Directory.GetFiles(Path.GetDirectoryName(file)!, "buffer.db.corrupt-*").Length > 0, "the damaged file was not kept aside");
    }

    /// <summary>
    /// The last page is where the newest journal rows live. Truncated: it is cut off, as by a
    /// write that never finished or a bad copy. Overwritten: it is random bytes, as a failing SD
    /// card leaves a block. The frames on the pages before it are still readable.
    /// </summary>
    private static void Damage(string file, string damage)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        if (damage == "truncated")
        {
            stream.SetLength(stream.Length - PageSize);
            return;
        }
        var garbage = new byte[PageSize];
        new Random(7).NextBytes(garbage);
        stream.Position = stream.Length - PageSize;
        stream.Write(garbage);
    }

    private const int PageSize = 4096;

    private static string Describe(string damage, long size) =>
        damage == "truncated" ? $"its last page cut off, {size - PageSize} bytes left" : $"its last page ({PageSize} bytes) replaced with random bytes";

    [GeneratedRegex(@"with the (\d+) frames still readable")]
    private static partial Regex Salvaged();

    private static StoredTicks Ticks(FaultRig rig, HostCredential host) => StoredTicks.Read(rig.DatabasePath, host.Id);

    private static async Task<StoredTicks> WaitForTicksAsync(FaultRig rig, HostCredential host, Func<StoredTicks, bool> condition, string what, TimeSpan timeout)
    {
        var ticks = Ticks(rig, host);
        await Eventually.TrueAsync(() => condition(ticks = Ticks(rig, host)), what, timeout, () => $"{ticks}\n{rig.AllOutput()}", Eventually.ProcessPollEvery);
        return ticks;
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
