using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json;
using Lumen.Agent.Collectors;
using Lumen.Agent.Collectors.Gpu;
using Lumen.Agent.Sending;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Specs.Gpu;

[UnsupportedOSPlatform("windows")]
public sealed class GpuSourceSpecs : IDisposable
{
    private readonly FakeNvidiaSmi _smi = new();

    public void Dispose() => _smi.Dispose();

    private static async Task<(IngestFrame Frame, string? Notice)> Tick(GpuSource source)
    {
        var frame = new IngestFrame();
        var notice = await source.CollectAsync(frame, Fixture.Tick(0), default);
        return (frame, notice);
    }

    [Fact]
    public async Task Machine_without_a_gpu_should_leave_gpus_null_without_a_notice()
    {
        using var source = new GpuSource(_smi.Options("this-machine"));

        var (frame, notice) = await Tick(source);

        Assert.Null(frame.Gpus);
        Assert.Null(notice);
    }

    [Fact]
    public async Task Nvidia_and_amd_gpus_should_be_reported_together_under_distinct_indexes()
    {
        _smi.Printing("two-gpus.csv");
        using var source = new GpuSource(_smi.Options("gpu-amd-desktop"));

        var (frame, _) = await Tick(source);

        // The AMD card is card1, an index nvidia-smi already gave the Tesla.
        Assert.Equal([(0, "NVIDIA GeForce RTX 3060"), (1, "Tesla P4"), (2, "AMD GPU 0x73bf")], frame.Gpus!.Select(g => (g.Index, g.Name)));
    }

    [Fact]
    public async Task Gpus_should_reach_a_go_hub_as_collected()
    {
        _smi.Printing("not-available.csv");
        using var source = new GpuSource(_smi.Options("gpu-amd-no-hwmon"));
        await using var hub = await ScriptedHub.StartAsync();
        var client = new HubClient(new HttpClient { BaseAddress = hub.Url }, "lum_spec");
        await client.GetPolicyAsync();   // a Go hub's policy: no metrics list, so only the Go frame's fields
        var (frame, _) = await Tick(source);
        frame.Ts = DateTimeOffset.UtcNow;

        await client.PostAsync(frame);

        var accepted = Assert.Single(hub.Accepted);
        Assert.Equal(frame.Gpus, accepted.Gpus);
        Assert.Equal(4, accepted.Gpus!.Length);
        Assert.Null(IngestValidator.Validate(accepted));
        Assert.True(JsonDocument.Parse(Assert.Single(hub.Bodies)).RootElement.TryGetProperty("gpus", out _));
    }

    [Fact]
    public async Task Frame_should_be_collected_without_gpus_within_the_timeout_when_nvidia_smi_hangs()
    {
        _smi.Script("sleep 60");
        using var collector = FrameCollector.Create(_smi.Options("this-machine", timeout: TimeSpan.FromSeconds(1)), new ManualClock());

        var clock = Stopwatch.StartNew();
        var collected = await collector.CollectAsync(Fixture.Tick(0).Ts);
        clock.Stop();

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.Null(collected.Frame.Gpus);
        Assert.Empty(collected.Failures);
        Assert.True(collected.Frame[ScalarMetrics.RamPct] > 0);
        Assert.Equal(["gpu: NVIDIA GPUs are not reported: " + Path.Combine(_smi.Folder, "nvidia-smi") + " did not answer within 1 s; trying again every 2 min"],
            collected.Notices.Where(n => n.StartsWith("gpu:", StringComparison.Ordinal)));
    }
}
