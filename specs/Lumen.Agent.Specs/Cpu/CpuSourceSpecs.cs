using Lumen.Agent.Collectors.Cpu;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Specs.Cpu;

public sealed class CpuSourceSpecs
{
    [Fact]
    public async Task Cpu_source_should_report_zero_on_the_first_tick_and_real_usage_on_the_second()
    {
        using var machine = new FixtureCopy("this-machine");
        var source = new CpuSource(machine.Proc);
        var first = new IngestFrame();
        var second = new IngestFrame();

        await source.CollectAsync(first, Fixture.Tick(0), default);
        machine.Overlay("this-machine-1s-later");
        await source.CollectAsync(second, Fixture.Tick(1), default);

        Assert.Equal(0, first[ScalarMetrics.CpuPct]);
        Assert.Equal([0, 0], first.CpuPerCore!);
        Assert.Equal(91.71, second[ScalarMetrics.CpuPct]);
        Assert.Equal(2, second.CpuPerCore!.Length);
    }
}
