using Lumen.Agent.Collectors.Gpu;
using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Specs.Gpu;

public sealed class GpuIndexesSpecs
{
    private static GpuSample Gpu(int index, string name) => new() { Index = index, Name = name };

    [Fact]
    public void Amd_card_should_keep_its_card_number_when_no_nvidia_gpu_has_it()
    {
        var merged = GpuIndexes.Merge([Gpu(0, "RTX 3060")], [Gpu(1, "AMD GPU 0x73bf")]);

        Assert.Equal([(0, "RTX 3060"), (1, "AMD GPU 0x73bf")], merged.Select(g => (g.Index, g.Name)));
    }

    [Fact]
    public void Amd_card_should_take_the_next_free_index_when_an_nvidia_gpu_has_its_number()
    {
        var merged = GpuIndexes.Merge([Gpu(0, "RTX 3060"), Gpu(1, "Tesla P4")], [Gpu(0, "iGPU"), Gpu(1, "RX 6800")]);

        Assert.Equal([(0, "RTX 3060"), (1, "Tesla P4"), (2, "iGPU"), (3, "RX 6800")], merged.Select(g => (g.Index, g.Name)));
    }

    [Fact]
    public void Merge_should_keep_to_the_hubs_cap()
    {
        var many = Enumerable.Range(0, IngestLimits.MaxGpus + 3).Select(i => Gpu(i, $"gpu {i}")).ToList();

        Assert.Equal(IngestLimits.MaxGpus, GpuIndexes.Merge(many, []).Length);
    }
}
