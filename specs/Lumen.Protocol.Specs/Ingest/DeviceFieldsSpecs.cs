using System.Text;
using System.Text.Json.Nodes;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Json;

namespace Lumen.Protocol.Specs.Ingest;

/// <summary>The lists beyond the Go frame (disks, nics, filesystems): read, bounded and refused by name like the rest.</summary>
public sealed class DeviceFieldsSpecs
{
    private static JsonObject ValidFrame() => JsonNode.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Golden", "lumen-agent-full-frame.json")))!.AsObject();

    private static string? ErrorOf(JsonObject frame) => FrameParser.Parse(Encoding.UTF8.GetBytes(frame.ToJsonString())).Error;

    [Fact]
    public void Frame_should_read_disks_nics_and_filesystems()
    {
        var frame = FrameParser.Parse(Encoding.UTF8.GetBytes(ValidFrame().ToJsonString())).Frame!;

        Assert.Equal(("sda", 1048576, 2097152.5), (frame.Disks![0].Name, frame.Disks[0].ReadBps, frame.Disks[0].WriteBps));
        Assert.Equal(("eno2", 750000, 50000), (frame.Nics![1].Name, frame.Nics[1].RxBps, frame.Nics[1].TxBps));
        var media = frame.Filesystems![1];
        Assert.Equal(("/srv/media", "/dev/sdb", "btrfs"), (media.Mount, media.Device, media.FsType));
        Assert.Equal((2199023255552L, 4398046511104L, 50.0), (media.UsedBytes, media.TotalBytes, media.UsedPct));
    }

    [Theory]
    [InlineData("disks", "read_bps", -1)]
    [InlineData("disks", "write_bps", -0.5)]
    [InlineData("nics", "rx_bps", -1)]
    [InlineData("nics", "tx_bps", -1)]
    [InlineData("filesystems", "used_pct", 100.01)]
    [InlineData("filesystems", "used_bytes", -1)]
    [InlineData("filesystems", "total_bytes", -1)]
    public void Frame_should_be_refused_naming_the_item_field_when_a_number_is_out_of_range(string list, string field, double value)
    {
        var frame = ValidFrame();
        frame[list]![1]![field] = value;

        Assert.StartsWith($"{list}[1].{field} ", ErrorOf(frame));
    }

    [Theory]
    [InlineData("disks", "name", IngestLimits.MaxDeviceNameLength)]
    [InlineData("nics", "name", IngestLimits.MaxDeviceNameLength)]
    [InlineData("filesystems", "mount", IngestLimits.MaxMountLength)]
    [InlineData("filesystems", "device", IngestLimits.MaxFilesystemDeviceLength)]
    [InlineData("filesystems", "fs_type", IngestLimits.MaxFsTypeLength)]
    public void Frame_should_take_a_name_at_its_cap_and_refuse_one_past_it(string list, string field, int cap)
    {
        var frame = ValidFrame();
        frame[list]![0]![field] = new string('x', cap);
        Assert.Null(ErrorOf(frame));

        frame[list]![0]![field] = new string('x', cap + 1);
        Assert.StartsWith($"{list}[0].{field} is {cap + 1} characters long", ErrorOf(frame));
    }

    [Theory]
    [InlineData("disks", IngestLimits.MaxDisks)]
    [InlineData("nics", IngestLimits.MaxNics)]
    [InlineData("filesystems", IngestLimits.MaxFilesystems)]
    public void Frame_should_take_a_list_at_its_cap_and_refuse_one_past_it(string list, int cap)
    {
        var frame = ValidFrame();
        var item = frame[list]![0]!;
        frame[list] = new JsonArray(Enumerable.Range(0, cap).Select(_ => (JsonNode?)item.DeepClone()).ToArray());
        Assert.Null(ErrorOf(frame));

        frame[list]!.AsArray().Add(item.DeepClone());
        Assert.Contains($"{list} has {cap + 1} entries", ErrorOf(frame));
    }

    [Theory]
    [InlineData("disks")]
    [InlineData("nics")]
    [InlineData("filesystems")]
    public void Frame_should_be_refused_naming_an_unknown_field_of_an_item(string list)
    {
        var frame = ValidFrame();
        frame[list]![0]!["serial"] = "WD-123";

        Assert.Equal($"{list}[0].serial is not a known field", ErrorOf(frame));
    }

    [Fact]
    public void Frame_should_take_null_lists_as_absent()
    {
        var frame = ValidFrame();
        (frame["disks"], frame["nics"], frame["filesystems"]) = (null, null, null);

        var parsed = FrameParser.Parse(Encoding.UTF8.GetBytes(frame.ToJsonString())).Frame!;

        Assert.Equal((null, null, null), (parsed.Disks, parsed.Nics, parsed.Filesystems));
    }

    [Fact]
    public void Optional_frame_fields_should_name_the_lists_of_the_frame_beyond_the_go_one()
    {
        var frame = new IngestFrame { Disks = [], Nics = [], Filesystems = [] };

        var written = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(frame, LumenJson.IngestFrame))!.AsObject();

        Assert.Equal(["disks", "nics", "filesystems"], OptionalFrameFields.All);
        Assert.All(OptionalFrameFields.All, name => Assert.True(written.ContainsKey(name), name));
    }

    [Fact]
    public void Frame_should_be_written_without_the_lists_it_does_not_have_not_even_as_null()
    {
        var written = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new IngestFrame(), LumenJson.IngestFrame))!.AsObject();

        Assert.All(OptionalFrameFields.All, name => Assert.False(written.ContainsKey(name), name));
    }
}
