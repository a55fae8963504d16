using Lumen.Hub.Hosts;

namespace Lumen.Hub.Specs.Hosts;

public sealed class CpuRingSpecs
{
    [Fact]
    public void CpuRing_should_return_samples_oldest_first()
    {
        var ring = new CpuRing();
        ring.Add(100, 1);
        ring.Add(105, 2);
        ring.Add(110, 3);

        Assert.Equal([100L, 105, 110], ring.ToArray().Select(p => p.Ts));
        Assert.Equal([1f, 2, 3], ring.ToArray().Select(p => p.CpuPct));
    }

    [Fact]
    public void CpuRing_should_keep_only_the_newest_120_samples()
    {
        var ring = new CpuRing();
        for (var i = 0; i < 130; i++) ring.Add(1000 + i * 5, i);

        var samples = ring.ToArray();
        Assert.Equal(CpuRing.Capacity, samples.Length);
        Assert.Equal(10f, samples[0].CpuPct);
        Assert.Equal(129f, samples[^1].CpuPct);
    }

    [Fact]
    public void CpuRing_should_ignore_a_sample_not_newer_than_the_newest()
    {
        var ring = new CpuRing();
        ring.Add(200, 50);

        Assert.False(ring.Add(150, 99));
        Assert.False(ring.Add(200, 99));
        Assert.Equal([50f], ring.ToArray().Select(p => p.CpuPct));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(3.14159)]
    [InlineData(47.53)]
    [InlineData(99.97)]
    [InlineData(100.0)]
    public void CpuRing_should_keep_a_percentage_to_within_a_tenth_of_a_point(double cpuPct)
    {
        var ring = new CpuRing();
        ring.Add(100, cpuPct);

        Assert.InRange(ring.ToArray()[0].CpuPct, cpuPct - 0.1, cpuPct + 0.1);
    }
}
