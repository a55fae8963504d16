using Lumen.Agent.Collectors.Load;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Specs.Load;

public sealed class ProcLoadavgSpecs
{
    [Fact]
    public void Parse_should_read_the_three_averages()
    {
        Assert.Equal(new LoadAverage(0.72, 2.25, 3.11), ProcLoadavg.Parse("0.72 2.25 3.11 1/83 31432\n"));
    }

    [Fact]
    public void Parse_should_refuse_a_truncated_file()
    {
        Assert.Throws<FormatException>(() => ProcLoadavg.Parse("0.72\n"));
    }

    [Fact]
    public async Task Load_source_should_fill_load1_load5_load15_from_this_machine()
    {
        var expected = ProcLoadavg.Parse(Fixture.Read("this-machine", "proc/loadavg"));
        var frame = new IngestFrame();

        await new LoadSource(Fixture.Proc("this-machine")).CollectAsync(frame, Fixture.Tick(0), default);

        Assert.Equal((expected.Load1, expected.Load5, expected.Load15), (frame[ScalarMetrics.Load1], frame[ScalarMetrics.Load5], frame[ScalarMetrics.Load15]));
    }

    [Fact]
    public async Task Load_source_should_leave_zeros_when_the_file_is_missing()
    {
        var frame = new IngestFrame();

        await new LoadSource(Fixture.Proc("nas")).CollectAsync(frame, Fixture.Tick(0), default);

        Assert.Equal(0, frame[ScalarMetrics.Load1]);
    }
}
