using Lumen.Agent.Collectors.Memory;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Specs.Memory;

public sealed class ProcMeminfoSpecs
{
    [Fact]
    public void Parse_should_read_this_machine_which_has_no_swap()
    {
        var info = ProcMeminfo.Parse(Fixture.Read("this-machine", "proc/meminfo"));

        Assert.Equal(24684084L * 1024, info.MemTotalBytes);
        Assert.Equal(0, info.SwapTotalBytes);
        Assert.Equal(0, info.SwapPct);
        Assert.InRange(info.RamPct, 0.01, 100);
    }

    [Fact]
    public void Ram_should_be_total_minus_available_and_swap_total_minus_free()
    {
        var info = ProcMeminfo.Parse(Fixture.Read("nas", "proc/meminfo"));

        Assert.Equal(Math.Round((16243556 - 9745224) * 100.0 / 16243556, 2), info.RamPct);
        Assert.Equal(25, info.SwapPct);
    }

    [Fact]
    public void Available_should_be_free_plus_buffers_plus_cache_on_kernels_without_MemAvailable()
    {
        var info = ProcMeminfo.Parse(Fixture.Read("old-kernel", "proc/meminfo"));

        Assert.Equal((1234567L + 234567 + 3456789) * 1024, info.MemAvailableBytes);
        Assert.Equal(38.9, info.RamPct);
    }

    [Fact]
    public void Parse_should_refuse_a_file_without_MemTotal()
    {
        Assert.Throws<FormatException>(() => ProcMeminfo.Parse("MemFree: 12 kB\n"));
    }

    [Fact]
    public async Task Memory_source_should_fill_ram_and_swap()
    {
        var frame = new IngestFrame();

        await new MemorySource(Fixture.Proc("nas")).CollectAsync(frame, Fixture.Tick(0), default);

        Assert.Equal(40.01, frame[ScalarMetrics.RamPct]);
        Assert.Equal(25, frame[ScalarMetrics.SwapPct]);
    }
}
