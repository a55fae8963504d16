using Lumen.Agent.Collectors.Metadata;
using Lumen.Agent.Specs.Support;

namespace Lumen.Agent.Specs.Metadata;

public sealed class VirtualizationSpecs
{
    [Theory]
    [InlineData("this-machine", "docker")]
    [InlineData("virt/docker-cgroup-v1", "docker")]
    [InlineData("virt/lxc", "lxc")]
    [InlineData("virt/proxmox-vm", "kvm")]
    [InlineData("virt/qemu-emulated", "qemu")]
    [InlineData("virt/vmware", "vmware")]
    [InlineData("virt/wsl", "wsl")]
    [InlineData("nas", "")]
    public void Detect_should_name_what_the_agent_runs_in(string tree, string expected)
    {
        Assert.Equal(expected, Virtualization.Detect(Fixture.Options(tree)));
    }
}
