using Lumen.Agent.Collectors.Gpu;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Specs.Gpu;

public sealed class NvidiaSmiCsvSpecs
{
    private static List<GpuSample> Parse(string fixture) => NvidiaSmiCsv.Parse(Fixture.Read("nvidia-smi", fixture));

    [Fact]
    public void Parse_should_read_every_gpu_with_memory_in_mib()
    {
        Assert.Equal(
        [
            new GpuSample { Index = 0, Name = "NVIDIA GeForce RTX 3060", UtilPct = 23, MemUsedMb = 1785, MemTotalMb = 12288, TempC = 48 },
            new GpuSample { Index = 1, Name = "Tesla P4", UtilPct = 0, MemUsedMb = 0, MemTotalMb = 7680, TempC = 34 },
        ], Parse("two-gpus.csv"));
    }

    [Fact]
    public void Parse_should_give_zero_for_only_the_readings_a_card_cannot_give()
    {
        Assert.Equal(
        [
            new GpuSample { Index = 0, Name = "NVIDIA GeForce GT 710", UtilPct = 0, MemUsedMb = 321, MemTotalMb = 2001, TempC = 41 },
            new GpuSample { Index = 1, Name = "NVIDIA GeForce GTX 480", UtilPct = 0, MemUsedMb = 1024, MemTotalMb = 1536, TempC = 0 },
            new GpuSample { Index = 2, Name = "Quadro K2000", UtilPct = 0, MemUsedMb = 100, MemTotalMb = 2048, TempC = 38 },
        ], Parse("not-available.csv"));
    }

    [Fact]
    public void Parse_should_skip_warnings_errors_and_lines_that_are_not_a_gpu()
    {
        // An infoROM warning and a lost GPU's error on stdout, an unknown word where a number
        // belongs, an index that is not one, a line a column short.
        var gpu = Assert.Single(Parse("garbage.csv"));
        Assert.Equal((0, "NVIDIA GeForce RTX 3060", 23.0), (gpu.Index, gpu.Name, gpu.UtilPct));
    }

    [Fact]
    public void Parse_should_give_no_gpus_for_empty_output()
    {
        Assert.Empty(Parse("empty.csv"));
    }

    [Fact]
    public void Parse_should_keep_a_name_with_a_comma_whole()
    {
        var gpu = Assert.Single(NvidiaSmiCsv.Parse("3, Acme, Inc. GPU, 1, 2, 3, 4\n"));
        Assert.Equal((3, "Acme, Inc. GPU", 1.0, 2.0, 3.0, 4.0), (gpu.Index, gpu.Name, gpu.UtilPct, gpu.MemUsedMb, gpu.MemTotalMb, gpu.TempC));
    }

    [Fact]
    public void Parse_should_keep_readings_within_what_the_hub_accepts()
    {
        var gpu = Assert.Single(NvidiaSmiCsv.Parse("0, Glitchy, 101, -5, 1024, 511\r\n"));

        Assert.Equal((100.0, 0.0, 1024.0, 0.0), (gpu.UtilPct, gpu.MemUsedMb, gpu.MemTotalMb, gpu.TempC));
        Assert.Null(IngestValidator.Validate(new IngestFrame { Ts = DateTimeOffset.UnixEpoch.AddYears(40), Gpus = [gpu] }));
    }
}
