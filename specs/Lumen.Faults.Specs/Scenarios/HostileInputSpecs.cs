using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Lumen.Faults.Specs.Fuzzing;
using Lumen.Faults.Specs.Support;
using Xunit.Abstractions;

namespace Lumen.Faults.Specs.Scenarios;

/// <summary>
/// Issue 7, item 5. Thousands of structure-aware mutations of valid bodies against every JSON
/// endpoint, 10 MB bodies with and without a length, and slowloris bodies at the same time:
/// the hub answers each with a 4xx (or a 2xx where the mutation happened to be valid) in the
/// API's error shape, never a 5xx, stays up, keeps taking real frames, and its memory stays
/// bounded. The seed is printed; <c>LUMEN_FAULTS_SEED</c> replays a run.
/// </summary>
public sealed class HostileInputSpecs(ITestOutputHelper output) : IDisposable
{
    private const int OversizedBytes = 10 * 1024 * 1024;
    private const int Parallelism = 4;
    private const int SlowConnections = 20;

    /// <summary>What the fuzzing may add to the hub's resident memory: caches and pools warm up, a leak would not stop here.</summary>
    private const double RssGrowthLimitMib = 300;

    private readonly FaultRig _rig = new(output, "hostile-input");
    private readonly ScenarioReport _report = new(output, "5. Hostile input");

    [Fact]
    public async Task Hub_should_answer_every_hostile_input_with_a_4xx_stay_up_and_keep_its_memory_bounded()
    {
        var mode = FaultsMode.Current;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LUMEN_FAULTS_SEED"), CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.Next(1, 1_000_000);
        var host = _rig.AddHosts("fuzz", 1)[0];
        var hub = await _rig.StartHubAsync();
        using var api = await _rig.SignInAsync();
        await SendValidFrameAsync(host.Token); // warm: the first frame creates the host actor
        var before = ProcessStats.Read(hub.Pid, TimeSpan.Zero)!;
        await using var sampler = new ProcessSampler(() => hub.Pid, TimeSpan.FromMilliseconds(500));
        using var fuzzer = new HubFuzzer(_rig.BaseAddress, host.Token, api.SessionToken!);
        var targets = FuzzTargets.All(host.Id);
        var tally = new FuzzTally();

        var clock = Stopwatch.StartNew();
        var slow = SlowClients.SlowBodiesAsync(_rig.Port, "/api/ingest", $"Authorization: Bearer {host.Token}\r\n", SlowConnections, TimeSpan.FromSeconds(30));
        using var timeout = new CancellationTokenSource(mode.IsLong ? TimeSpan.FromMinutes(40) : TimeSpan.FromMinutes(3));
        await fuzzer.RunAsync(targets, mode.FuzzInputs, Parallelism, seed, tally, timeout.Token);
        var fuzzTime = clock.Elapsed;
        await fuzzer.OversizedAsync(targets, OversizedBytes, tally);
        var slowOutcomes = await slow;
        var validAfter = await SendValidFrameAsync(host.Token);
        var after = ProcessStats.Read(hub.Pid, clock.Elapsed);
        var samples = sampler.Samples;
        var peak = samples.Count > 0 ? samples.Max(s => s.RssMib) : 0;
        tally.Save(Path.Combine(ScenarioReport.LogFolder, $"fuzz-broken-{seed}"));

        _report.Line($"seed {seed}: {tally.Total} inputs in {fuzzTime.TotalSeconds:F0} s ({mode.FuzzInputs / Math.Max(1, fuzzTime.TotalSeconds):F0}/s, {Parallelism} at once) plus 10 MB bodies with and without a length to each of {targets.Count} endpoints");
        foreach (var line in tally.Summary()) _report.Line($"{line}");
        _report.Line($"5xx: {tally.Broken.Count(b => b.Status >= 500)}; error answers not in the {{\"error\":…}} shape: {tally.Broken.Count(b => b.Status < 500)}");
        _report.Line($"slowloris: {SlowConnections} bodies at a byte a second, cut after {string.Join(", ", slowOutcomes.GroupBy(o => $"{o.FirstLine} at ~{Math.Round(o.ClosedAfter.TotalSeconds):F0} s").Select(g => $"{g.Count()} × {g.Key}"))}");
        _report.Line($"hub RSS: {before.RssMib:F0} MiB before, peak {peak:F0} MiB, {after?.RssMib ?? 0:F0} MiB after; open fds {before.OpenFds} before, {after?.OpenFds ?? 0} after; a valid frame after it all: {(int)validAfter}");
        _report.Line($"hub log lines at error level: {hub.CountLines(" fail: ")}");

        Assert.False(hub.HasExited, $"the hub died:\n{hub.Tail()}");
        Assert.True(tally.Broken.Count == 0, "inputs that broke a rule (saved beside the results file):\n" +
            string.Join("\n", tally.Broken.Take(10).Select(b => $"{b.Target}: {b.Problem} <- {Preview(b.Input)}")));
        Assert.Equal(HttpStatusCode.NoContent, validAfter);
        Assert.All(slowOutcomes, o => Assert.True(o.FirstLine != "(still open)", "a slowloris body was still being read after 30 s"));
        Assert.True(peak - before.RssMib < RssGrowthLimitMib, $"RSS grew from {before.RssMib:F0} to {peak:F0} MiB");
    }

    private async Task<HttpStatusCode> SendValidFrameAsync(string token)
    {
        using var client = new HttpClient { BaseAddress = _rig.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.PostAsync("/api/ingest", new StringContent(FuzzTargets.ValidFrame().ToJsonString(), Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    private static string Preview(byte[] input) =>
        Encoding.UTF8.GetString(input, 0, Math.Min(input.Length, 300)).Replace('\n', ' ') + (input.Length > 300 ? $"… ({input.Length} bytes)" : "");

    public void Dispose()
    {
        _report.Dispose();
        _rig.Dispose();
    }
}
