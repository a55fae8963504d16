using Lumen.Agent.Collectors.Network;
using Lumen.Agent.Specs.Support;

namespace Lumen.Agent.Specs.Network;

public sealed class PhysicalInterfacesSpecs
{
    private static IEnumerable<string> Names(string tree) =>
        ProcNetDev.Parse(Fixture.Read(tree, "proc/net/dev")).Select(i => i.Name);

    [Fact]
    public void Select_should_count_only_interfaces_backed_by_a_device_on_this_machine()
    {
        Assert.Equal(["eth0"], PhysicalInterfaces.Select(Names("this-machine"), Fixture.Sys("this-machine")));
    }

    [Fact]
    public void Select_should_count_bond_slaves_and_not_the_bond_or_anything_layered_on_it()
    {
        var counted = PhysicalInterfaces.Select(Names("nas"), Fixture.Sys("nas"));

        Assert.Equal(["eno1", "eno2"], counted.Order());
    }

    [Fact]
    public void Select_should_fall_back_to_name_rules_without_sys_and_agree_with_it()
    {
        var counted = PhysicalInterfaces.Select(Names("nas"), Path.Combine(Fixture.Root("nas"), "no-sys-here"));

        Assert.Equal(["eno1", "eno2"], counted.Order());
    }

    [Fact]
    public void Select_should_fall_back_to_name_rules_when_no_interface_has_a_device()
    {
        // An agent in a container: its eth0 is one end of a veth pair, without device/.
        var counted = PhysicalInterfaces.Select(["lo", "eth0"], Fixture.Sys("container-netns"));

        Assert.Equal(["eth0"], counted);
    }

    [Theory]
    [InlineData("eth0")]
    [InlineData("enp3s0")]
    [InlineData("eno1")]
    [InlineData("wlan0")]
    [InlineData("wlp2s0")]
    [InlineData("usb0")]
    public void Name_rules_should_pass_physical_names(string name) => Assert.True(PhysicalInterfaces.IsPhysicalByName(name));

    [Theory]
    [InlineData("lo")]
    [InlineData("veth3f2a1b")]
    [InlineData("docker0")]
    [InlineData("br-4f9d6c2b1a0e")]
    [InlineData("virbr0")]
    [InlineData("vmbr0")]
    [InlineData("lxcbr0")]
    [InlineData("tun0")]
    [InlineData("tap100i0")]
    [InlineData("wg0")]
    [InlineData("tailscale0")]
    [InlineData("bond0")]
    [InlineData("eth0.100")]
    [InlineData("ifb0")]
    public void Name_rules_should_refuse_virtual_names(string name) => Assert.False(PhysicalInterfaces.IsPhysicalByName(name));
}
