using Lumen.Hub.Hosts;

namespace Lumen.Hub.Specs.Hosts;

public sealed class SequenceWatermarkSpecs
{
    [Fact]
    public void Watermark_should_advance_as_numbers_resolve_in_order()
    {
        var watermark = new SequenceWatermark();
        var first = watermark.Issue();
        var second = watermark.Issue();

        watermark.Resolve(first);
        Assert.Equal(1, watermark.Durable);
        watermark.Resolve(second);
        Assert.Equal(2, watermark.Durable);
    }

    [Fact]
    public void Watermark_should_not_pass_a_number_still_in_memory_when_later_ones_resolve_first()
    {
        var watermark = new SequenceWatermark();
        for (var i = 0; i < 4; i++) watermark.Issue();

        watermark.Resolve(1);
        watermark.Resolve(3);
        watermark.Resolve(4);
        Assert.Equal(1, watermark.Durable);

        watermark.Resolve(2);
        Assert.Equal(4, watermark.Durable);
    }

    [Fact]
    public void Watermark_should_ignore_numbers_never_issued_or_already_passed()
    {
        var watermark = new SequenceWatermark();
        watermark.Issue();
        watermark.Resolve(1);

        watermark.Resolve(1);
        watermark.Resolve(7);

        Assert.Equal(1, watermark.Durable);
    }
}
