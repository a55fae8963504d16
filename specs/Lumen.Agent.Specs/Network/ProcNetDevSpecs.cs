using Lumen.Agent.Collectors.Network;
using Lumen.Agent.Specs.Support;

namespace Lumen.Agent.Specs.Network;

public sealed class ProcNetDevSpecs
{
    [Fact]
    public void Parse_should_read_bytes_of_every_interface_of_this_machine()
    {
        var interfaces = ProcNetDev.Parse(Fixture.Read("this-machine", "proc/net/dev"));

        Assert.Equal(["lo", "ifb0", "ifb1", "eth0"], interfaces.Select(i => i.Name));
        Assert.Equal(new InterfaceCounters("eth0", 174899994, 338758), interfaces[3]);
    }

    [Fact]
    public void Parse_should_read_lines_without_a_space_after_the_colon()
    {
        var text = "Inter-|   Receive |  Transmit\n face |bytes packets|bytes\n  eth0:1234 5 0 0 0 0 0 0 5678 6 0 0 0 0 0 0\n";

        Assert.Equal(new InterfaceCounters("eth0", 1234, 5678), Assert.Single(ProcNetDev.Parse(text)));
    }

    [Fact]
    public void Parse_should_read_long_interface_names()
    {
        Assert.Contains(ProcNetDev.Parse(Fixture.Read("nas", "proc/net/dev")), i => i.Name == "veth3f2a1b" && i.TxBytes == 700000000);
    }
}
