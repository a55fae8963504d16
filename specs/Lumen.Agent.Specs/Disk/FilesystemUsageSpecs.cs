using Lumen.Agent.Collectors.Disk;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Specs.Disk;

public sealed class FilesystemUsageSpecs
{
    [Fact]
    public void Used_should_be_measured_against_what_users_can_use_like_df()
    {
        // 100 GB, 20 GB free of which 15 GB available (5 GB reserved for root): df says 80 / 95.
        Assert.Equal(84.21, FilesystemUsage.UsedPercent(100_000, 20_000, 15_000));
    }

    [Fact]
    public void Used_should_be_100_when_only_reserved_blocks_are_left()
    {
        Assert.Equal(100, FilesystemUsage.UsedPercent(100_000, 5_000, 0));
    }

    [Fact]
    public void Used_should_be_zero_for_an_empty_or_sizeless_filesystem()
    {
        Assert.Equal(0, FilesystemUsage.UsedPercent(0, 0, 0));
    }

    [Fact]
    public async Task Disk_usage_source_should_read_the_configured_path()
    {
        var frame = new IngestFrame();

        await new DiskUsageSource(Fixture.Root("this-machine")).CollectAsync(frame, Fixture.Tick(0), default);

        Assert.InRange(frame[ScalarMetrics.DiskPct], 0.01, 100);
    }

    [Fact]
    public async Task Disk_usage_source_should_throw_for_a_path_that_does_not_exist()
    {
        var source = new DiskUsageSource(Path.Combine(Fixture.Root("this-machine"), "not-mounted"));

        await Assert.ThrowsAnyAsync<IOException>(async () => await source.CollectAsync(new IngestFrame(), Fixture.Tick(0), default));
    }
}
