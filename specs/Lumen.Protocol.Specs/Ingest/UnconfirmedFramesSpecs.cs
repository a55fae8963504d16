using Lumen.Protocol.Ingest;

namespace Lumen.Protocol.Specs.Ingest;

public sealed class UnconfirmedFramesSpecs
{
    [Fact]
    public void UnconfirmedFrames_should_drop_frames_once_the_watermark_passes_them()
    {
        var held = new UnconfirmedFrames<string>();
        held.Acknowledged("a", "i1", 1, 0);
        held.Acknowledged("b", "i1", 2, 0);
        held.Acknowledged("c", "i1", 3, 2);

        Assert.Equal(1, held.Count);
        Assert.Equal(["c"], held.TakeForResend("i2"));
    }

    [Fact]
    public void UnconfirmedFrames_should_resend_only_frames_of_a_previous_instance()
    {
        var held = new UnconfirmedFrames<string>();
        held.Acknowledged("old-1", "i1", 7, 5);
        held.Acknowledged("old-2", "i1", 8, 5);
        held.Acknowledged("new-1", "i2", 1, 0);

        Assert.Equal(["old-1", "old-2"], held.TakeForResend("i2"));
        Assert.Equal(1, held.Count);
    }

    [Fact]
    public void UnconfirmedFrames_should_not_let_another_instances_watermark_confirm_frames()
    {
        var held = new UnconfirmedFrames<string>();
        held.Acknowledged("a", "i1", 3, 0);

        held.Confirm("i2", 100);

        Assert.Equal(1, held.Count);
    }
}
