using Lumen.Agent.Collectors.Docker;
using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Specs.Docker;

public sealed class DockerStatsMathSpecs
{
    [Fact]
    public void Cpu_should_be_a_share_of_one_core_times_online_cpus()
    {
        var percent = DockerStatsMath.CpuPercent(new(1_000_000_000, 10_000_000_000), new(4_000_000_000, 14_000_000_000), 4);

        Assert.Equal(300, percent);
    }

    [Fact]
    public void Cpu_should_be_zero_when_a_restarted_container_counter_went_backwards()
    {
        Assert.Equal(0, DockerStatsMath.CpuPercent(new(9_000_000_000, 10_000_000_000), new(1_000_000, 14_000_000_000), 4));
    }

    [Fact]
    public void Cpu_should_stay_within_what_the_hub_accepts()
    {
        var percent = DockerStatsMath.CpuPercent(new(0, 0), new(ulong.MaxValue / 2, 1), 256);

        Assert.Equal(IngestLimits.MaxContainerCpuPct, percent);
    }

    [Fact]
    public void Memory_used_should_leave_out_inactive_file_cache_and_never_go_below_zero()
    {
        Assert.Equal(700UL, DockerStatsMath.MemoryUsedBytes(new DockerMemoryStats { Usage = 1000, Stats = new() { ["inactive_file"] = 300 } }));
        Assert.Equal(800UL, DockerStatsMath.MemoryUsedBytes(new DockerMemoryStats { Usage = 1000, Stats = new() { ["total_inactive_file"] = 200, ["inactive_file"] = 300 } }));
        Assert.Equal(1000UL, DockerStatsMath.MemoryUsedBytes(new DockerMemoryStats { Usage = 1000, Stats = new() { ["inactive_file"] = 5000 } }));
        Assert.Equal(1000UL, DockerStatsMath.MemoryUsedBytes(new DockerMemoryStats { Usage = 1000 }));
    }

    [Theory]
    [InlineData(0UL, 8_000L, 8_000L)]
    [InlineData(9223372036854771712UL, 8_000L, 8_000L)]
    [InlineData(16_000UL, 8_000L, 8_000L)]
    [InlineData(4_000UL, 8_000L, 4_000L)]
    [InlineData(4_000UL, 0L, 4_000L)]
    [InlineData(9223372036854771712UL, 0L, 0L)]
    public void Limit_should_be_the_hosts_memory_when_the_container_has_none(ulong reported, long hostTotal, long expected)
    {
        Assert.Equal(expected, DockerStatsMath.EffectiveLimitBytes(reported, hostTotal));
    }
}
