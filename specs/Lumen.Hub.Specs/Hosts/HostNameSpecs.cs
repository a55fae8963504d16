using Lumen.Hub.Hosts;

namespace Lumen.Hub.Specs.Hosts;

public sealed class HostNameSpecs
{
    [Theory]
    [InlineData("nas")]
    [InlineData("pi-4.lan")]
    [InlineData("proxmox_01")]
    public void HostName_should_accept_hostname_like_names(string name) => Assert.Null(HostName.Validate(name));

    [Theory]
    [InlineData("")]
    [InlineData("-nas")]
    [InlineData("my nas")]
    [InlineData("nas;rm")]
    [InlineData("ünïcode")]
    public void HostName_should_refuse_names_unsafe_in_urls_logs_or_shells(string name) => Assert.NotNull(HostName.Validate(name));

    [Fact]
    public void HostName_should_refuse_names_longer_than_64() => Assert.NotNull(HostName.Validate(new string('a', 65)));
}
