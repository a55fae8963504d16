using System.Text.Json;
using Lumen.Agent.Sending;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Specs.Sending;

/// <summary>
/// What a post carries, against a real HTTP hub on loopback: a metric the Go hub's frame does
/// not have goes only to a hub whose policy lists it, since a Go hub refuses unknown fields.
/// </summary>
public sealed class HubClientSpecs : IAsyncLifetime
{
    private ScriptedHub _hub = null!;
    private HubClient _client = null!;

    public async Task InitializeAsync()
    {
        _hub = await ScriptedHub.StartAsync();
        _client = new HubClient(new HttpClient { BaseAddress = _hub.Url }, "lum_spec");
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private static IngestFrame Frame() => new() { Ts = DateTimeOffset.UtcNow, [ScalarMetrics.CpuPct] = 40, [ScalarMetrics.CpuStealPct] = 3.5 };

    private static IngestFrame FrameWithDevices()
    {
        var frame = Frame();
        frame.Disks = [new DiskSample { Name = "sda", ReadBps = 1024, WriteBps = 2048 }];
        frame.Nics = [new NicSample { Name = "eno1", RxBps = 125_000, TxBps = 64_000 }];
        frame.Filesystems = [new FilesystemSample { Mount = "/srv", Device = "/dev/sda1", FsType = "ext4", UsedBytes = 60, TotalBytes = 100, UsedPct = 63.16 }];
        return frame;
    }

    /// <summary>The top-level fields of the Go hub's frame: the only ones a Go hub takes.</summary>
    private static readonly HashSet<string> GoFrameFields =
    [
        "host", "ts", "cpu_per_core", "containers", "system", "gpus", "processes",
        .. ScalarMetrics.All.Where(m => !m.Extended).Select(m => m.Name),
    ];

    private HashSet<string> LastPostedFields() =>
        JsonDocument.Parse(_hub.Bodies.Last()).RootElement.EnumerateObject().Select(field => field.Name).ToHashSet();

    [Fact]
    public async Task Post_should_leave_out_extended_metrics_until_the_hub_has_listed_them()
    {
        await _client.PostAsync(Frame());

        Assert.Contains("cpu_pct", LastPostedFields());
        Assert.DoesNotContain("cpu_steal_pct", LastPostedFields());
    }

    [Fact]
    public async Task Post_should_carry_an_extended_metric_once_the_policy_lists_it()
    {
        _hub.PolicyMetrics = """["cpu_pct","cpu_steal_pct"]""";
        await _client.GetPolicyAsync();

        await _client.PostAsync(Frame());

        Assert.Contains("cpu_steal_pct", LastPostedFields());
        Assert.Equal(3.5, _hub.Accepted.Last()[ScalarMetrics.CpuStealPct]);
    }

    [Fact]
    public async Task Post_should_keep_to_the_go_frame_for_a_hub_whose_policy_has_no_metric_list()
    {
        _hub.PolicyMetrics = null;
        await _client.GetPolicyAsync();

        await _client.PostAsync(Frame());

        Assert.DoesNotContain("cpu_steal_pct", LastPostedFields());
        Assert.Equal(ScalarMetrics.All.Where(m => !m.Extended).Select(m => m.Name).Order(), LastPostedFields().Intersect(ScalarMetrics.All.Select(m => m.Name)).Order());
    }

    [Fact]
    public async Task Post_should_send_only_go_frame_fields_to_a_hub_whose_policy_has_neither_list()
    {
        (_hub.PolicyMetrics, _hub.PolicyFrameFields) = (null, null);
        await _client.GetPolicyAsync();

        await _client.PostAsync(FrameWithDevices());

        Assert.Subset(GoFrameFields, LastPostedFields());
    }

    [Fact]
    public async Task Post_should_leave_out_disks_nics_and_filesystems_until_the_hub_has_listed_them()
    {
        await _client.PostAsync(FrameWithDevices());

        Assert.Subset(GoFrameFields, LastPostedFields());
    }

    [Fact]
    public async Task Post_should_carry_the_frame_fields_the_policy_lists_and_no_other()
    {
        _hub.PolicyFrameFields = """["disks","nics"]""";
        await _client.GetPolicyAsync();

        await _client.PostAsync(FrameWithDevices());

        Assert.Contains("disks", LastPostedFields());
        Assert.Contains("nics", LastPostedFields());
        Assert.DoesNotContain("filesystems", LastPostedFields());
        Assert.Equal(2048, Assert.Single(_hub.Accepted.Last().Disks!).WriteBps);
    }

    [Fact]
    public async Task Post_should_carry_every_device_list_to_a_hub_that_lists_all_three()
    {
        _hub.PolicyFrameFields = """["disks","nics","filesystems","something_newer"]""";
        await _client.GetPolicyAsync();

        await _client.PostAsync(FrameWithDevices());

        var fs = Assert.Single(_hub.Accepted.Last().Filesystems!);
        Assert.Equal(("/srv", "/dev/sda1", "ext4", 63.16), (fs.Mount, fs.Device, fs.FsType, fs.UsedPct));
        Assert.Equal("eno1", Assert.Single(_hub.Accepted.Last().Nics!).Name);
    }
}
