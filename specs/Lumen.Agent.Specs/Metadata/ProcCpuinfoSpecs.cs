using Lumen.Agent.Collectors.Metadata;
using Lumen.Agent.Specs.Support;

namespace Lumen.Agent.Specs.Metadata;

public sealed class ProcCpuinfoSpecs
{
    [Theory]
    [InlineData("this-machine", "AMD EPYC")]
    [InlineData("nas", "Intel(R) Celeron(R) N5105 @ 2.00GHz")]
    [InlineData("raspberry-pi-4", "Raspberry Pi 4 Model B Rev 1.4")]
    [InlineData("raspberry-pi-zero", "Raspberry Pi Zero W Rev 1.1")]
    [InlineData("arm64-server", "")]
    public void Model_should_name_the_cpu_or_board(string tree, string expected)
    {
        Assert.Equal(expected, ProcCpuinfo.ReadModel(Fixture.Proc(tree)));
    }

    [Fact]
    public void Model_should_fall_back_to_the_soc_when_the_board_is_not_named()
    {
        Assert.Equal("BCM2835", ProcCpuinfo.ParseModel("processor\t: 0\nBogoMIPS\t: 108.00\n\nHardware\t: BCM2835\nRevision\t: a02082\n"));
    }
}
