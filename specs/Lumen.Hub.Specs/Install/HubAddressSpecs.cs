using Lumen.Hub.Install;
using Microsoft.AspNetCore.Http;

namespace Lumen.Hub.Specs.Install;

/// <summary>The hub address the installer writes: only plain http(s) addresses, from the option or the request.</summary>
public sealed class HubAddressSpecs
{
    [Theory]
    [InlineData("https://hub.example.lan", "https://hub.example.lan")]
    [InlineData("https://hub.example.lan/", "https://hub.example.lan")]
    [InlineData("http://hub.example.lan:8090", "http://hub.example.lan:8090")]
    [InlineData("https://hub.example.lan:443", "https://hub.example.lan")]
    [InlineData("https://Example.LAN/lumen/", "https://example.lan/lumen")]
    [InlineData("http://192.168.1.10:8090", "http://192.168.1.10:8090")]
    [InlineData("http://[fd00::1]:8090", "http://[fd00::1]:8090")]
    public void TryParse_should_accept_a_plain_http_address_without_a_trailing_slash(string text, string expected)
    {
        Assert.True(HubAddress.TryParse(text, out var address));
        Assert.Equal(expected, address);
    }

    [Theory]
    [InlineData("hub.example.lan")]
    [InlineData("ftp://hub.example.lan")]
    [InlineData("https://user:secret@hub.example.lan")]
    [InlineData("https://hub.example.lan/?x=1")]
    [InlineData("https://hub.example.lan/#top")]
    [InlineData("https://hub.example.lan/it's")]
    [InlineData("https://hub.example.lan/$(reboot)")]
    [InlineData("https://hub.example.lan/a b")]
    [InlineData("https://bücher.lan")]
    [InlineData("/relative")]
    public void TryParse_should_refuse_anything_but_a_plain_http_address(string text)
    {
        Assert.False(HubAddress.TryParse(text, out _));
    }

    [Theory]
    [InlineData("http", "hub.lan", "http://hub.lan")]
    [InlineData("https", "hub.lan:8443", "https://hub.lan:8443")]
    [InlineData("http", "127.0.0.1:18300", "http://127.0.0.1:18300")]
    [InlineData("http", "[::1]:8090", "http://[::1]:8090")]
    [InlineData("http", "my_nas.local", "http://my_nas.local")]
    public void FromRequest_should_use_the_scheme_and_Host_header_when_the_host_is_plain(string scheme, string host, string expected)
    {
        Assert.Equal(expected, HubAddress.FromRequest(Request(scheme, host)));
    }

    [Theory]
    [InlineData("hub.lan'")]
    [InlineData("hub.lan;reboot")]
    [InlineData("hub.lan:0")]
    [InlineData("hub.lan:65536")]
    [InlineData("hub.lan:")]
    [InlineData("-hub.lan")]
    [InlineData("hub..lan")]
    [InlineData("hub.lan\n")]
    [InlineData("[::1")]
    public void FromRequest_should_refuse_a_Host_header_that_is_not_a_plain_host_and_port(string host)
    {
        Assert.Null(HubAddress.FromRequest(Request("http", host)));
    }

    [Fact]
    public void FromRequest_should_refuse_a_host_name_longer_than_dns_allows()
    {
        var host = string.Join('.', Enumerable.Repeat(new string('a', 60), 5));

        Assert.Null(HubAddress.FromRequest(Request("http", host)));
    }

    private static HttpRequest Request(string scheme, string host)
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = scheme;
        http.Request.Headers.Host = host;
        return http.Request;
    }
}
