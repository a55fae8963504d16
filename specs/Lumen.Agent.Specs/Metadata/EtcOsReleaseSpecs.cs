using Lumen.Agent.Collectors.Metadata;
using Lumen.Agent.Specs.Support;

namespace Lumen.Agent.Specs.Metadata;

public sealed class EtcOsReleaseSpecs
{
    [Fact]
    public void Pretty_name_should_be_read_from_this_machine()
    {
        Assert.Equal("Debian GNU/Linux 12 (bookworm)", EtcOsRelease.ReadPrettyName(Fixture.Root("this-machine")));
    }

    [Fact]
    public void Pretty_name_should_be_read_from_alpine()
    {
        Assert.Equal("Alpine Linux v3.20", EtcOsRelease.ReadPrettyName(Fixture.Root("virt/lxc")));
    }

    [Fact]
    public void Pretty_name_should_be_null_without_any_os_release()
    {
        Assert.Null(EtcOsRelease.ReadPrettyName(Fixture.Root("old-kernel")));
    }

    [Theory]
    [InlineData("PRETTY_NAME=\"Say \\\"hi\\\" \\$HOME\"", "Say \"hi\" $HOME")]
    [InlineData("PRETTY_NAME='single \\quoted'", "single \\quoted")]
    [InlineData("# comment\nPRETTY_NAME=unquoted", "unquoted")]
    [InlineData("NAME=Fedora\nVERSION=\"40 (Server Edition)\"", "Fedora 40 (Server Edition)")]
    [InlineData("ID=minimal", "Linux")]
    public void Pretty_name_should_follow_the_os_release_quoting_rules(string text, string expected)
    {
        Assert.Equal(expected, EtcOsRelease.ParsePrettyName(text));
    }
}
