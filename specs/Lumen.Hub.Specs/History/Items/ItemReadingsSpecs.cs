using Lumen.Hub.History.Items;
using Lumen.Protocol.Ingest;

namespace Lumen.Hub.Specs.History.Items;

/// <summary>What history keeps of a frame's containers and GPUs, decided when the frame is accepted.</summary>
public sealed class ItemReadingsSpecs
{
    private static ContainerSample Sample(string name, double cpuPct, long memUsedBytes = 0, string id = "0123456789abcdef") =>
        new() { Id = id, Name = name, Image = "img", State = "running", CpuPct = cpuPct, MemUsedBytes = memUsedBytes, MemPct = 1 };

    [Fact]
    public void Containers_should_keep_every_container_in_the_frames_order_up_to_the_bound()
    {
        var (readings, leftOut) = ItemReadings.Containers([Sample("b", 1, 100), Sample("a", 2, 200)]);

        Assert.Equal([new ContainerReading("b", 1, 100, 1), new ContainerReading("a", 2, 200, 1)], readings!);
        Assert.Equal(0, leftOut);
    }

    [Fact]
    public void Containers_should_keep_the_busiest_by_cpu_then_memory_beyond_the_bound_and_count_the_rest()
    {
        var containers = Enumerable.Range(0, ItemReadings.MaxContainersPerFrame + 2).Select(i => Sample($"c{i}", i < 3 ? 0 : i, memUsedBytes: i)).ToArray();

        var (readings, leftOut) = ItemReadings.Containers(containers);

        Assert.Equal(ItemReadings.MaxContainersPerFrame, readings!.Length);
        Assert.Equal(2, leftOut);
        Assert.Equal($"c{ItemReadings.MaxContainersPerFrame + 1}", readings[0].Name);
        // Of the three idle ones, the one using the most memory stays.
        Assert.Equal(["c2"], readings.Where(r => r.CpuPct == 0).Select(r => r.Name));
    }

    [Fact]
    public void Containers_should_name_a_container_without_a_name_by_its_short_id_and_bound_long_names()
    {
        var (readings, _) = ItemReadings.Containers([Sample("", 1), Sample(new string('n', 300), 1), Sample("", 1, id: "")]);

        Assert.Equal(["0123456789ab", new string('n', ItemReadings.MaxNameLength)], readings!.Select(r => r.Name));
    }

    [Fact]
    public void Readings_should_be_null_for_a_frame_without_containers_or_gpus()
    {
        Assert.Equal((null, 0), ItemReadings.Containers(null));
        Assert.Equal((null, 0), ItemReadings.Containers([]));
        Assert.Null(ItemReadings.Gpus([]));
    }
}
