using Lumen.Agent.Collectors;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Json;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Specs.Collection;

public sealed class FrameCollectorSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 46, 40, TimeSpan.Zero);

    private sealed class BrokenSource : IFrameSource
    {
        public string Name => "broken";

        public ValueTask<string?> CollectAsync(IngestFrame frame, TickContext tick, CancellationToken ct) =>
            throw new UnauthorizedAccessException("/proc/broken: permission denied");
    }

    [Fact]
    public async Task Second_tick_should_carry_rates_computed_from_both_readings()
    {
        using var machine = new FixtureCopy("this-machine");
        var clock = new ManualClock();
        using var collector = FrameCollector.Create(Fixture.OptionsAt(machine.Root), clock);

        var first = await collector.CollectAsync(T0);
        machine.Overlay("this-machine-1s-later");
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = await collector.CollectAsync(T0.AddSeconds(1));

        Assert.Equal((0.0, 0.0), (first.Frame[ScalarMetrics.CpuPct], first.Frame[ScalarMetrics.DiskRBps]));
        Assert.Equal(T0.AddSeconds(1), second.Frame.Ts);
        Assert.Equal(91.71, second.Frame[ScalarMetrics.CpuPct]);
        Assert.Equal((4332482 - 4332274) * 512, second.Frame[ScalarMetrics.DiskRBps]);
        Assert.Equal("docker", second.Frame.System!.VirtType);
        Assert.Empty(second.Failures);
    }

    [Fact]
    public async Task Frame_should_pass_the_hubs_validation()
    {
        using var machine = new FixtureCopy("nas");
        using var collector = FrameCollector.Create(Fixture.OptionsAt(machine.Root), new ManualClock());

        var result = await collector.CollectAsync(T0);

        Assert.Null(IngestValidator.Validate(result.Frame));
        var written = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(result.Frame, LumenJson.IngestFrame);
        Assert.Null(FrameParser.Parse(written).Error);
    }

    [Fact]
    public async Task One_source_throwing_should_leave_the_others_filled_and_be_reported()
    {
        var options = Fixture.Options("nas");
        var sources = CollectorSources.Default(options).Prepend(new BrokenSource());
        using var collector = new FrameCollector(sources, new ManualClock());

        var result = await collector.CollectAsync(T0);

        var failure = Assert.Single(result.Failures);
        Assert.Equal("broken", failure.Source);
        Assert.IsType<UnauthorizedAccessException>(failure.Error);
        Assert.Equal(40.01, result.Frame[ScalarMetrics.RamPct]);
        Assert.Equal(52, result.Frame[ScalarMetrics.TempC]);
        Assert.Equal("nas", result.Frame.System!.Hostname);
    }

    [Fact]
    public async Task Missing_docker_should_be_a_notice_and_not_a_failure()
    {
        using var collector = FrameCollector.Create(Fixture.Options("nas"), new ManualClock());

        var result = await collector.CollectAsync(T0);

        Assert.Empty(result.Failures);
        Assert.Empty(result.Frame.Containers!);
        Assert.Contains(result.Notices, n => n.StartsWith("docker: ", StringComparison.Ordinal));
    }
}
