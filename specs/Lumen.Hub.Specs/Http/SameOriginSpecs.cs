using Lumen.Hub.Http;
using Microsoft.AspNetCore.Http;

namespace Lumen.Hub.Specs.Http;

public sealed class SameOriginSpecs
{
    private static HttpRequest Request(string scheme, string host, string? origin, params (string Name, string Value)[] headers)
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = scheme;
        request.Host = new HostString(host);
        if (origin is not null) request.Headers.Origin = origin;
        foreach (var (name, value) in headers) request.Headers[name] = value;
        return request;
    }

    [Theory]
    [InlineData("http", "hub.lan:8090", "http://hub.lan:8090")]
    [InlineData("http", "HUB.lan:8090", "http://hub.LAN:8090")]
    [InlineData("https", "hub.example.org", "https://hub.example.org")]
    [InlineData("https", "hub.example.org:443", "https://hub.example.org")]
    [InlineData("http", "hub.lan", "http://hub.lan:80")]
    [InlineData("http", "192.168.1.10:8090", "http://192.168.1.10:8090")]
    [InlineData("http", "[::1]:8090", "http://[::1]:8090")]
    public void SameOrigin_should_accept_the_hubs_own_origin(string scheme, string host, string origin)
    {
        Assert.Null(SameOrigin.Refusal(Request(scheme, host, origin), trustProxy: false));
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("https://hub.lan:8090")]
    [InlineData("http://hub.lan:8091")]
    [InlineData("http://hub.lan")]
    [InlineData("http://sub.hub.lan:8090")]
    [InlineData("null")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not an origin")]
    public void SameOrigin_should_refuse_any_other_origin(string origin)
    {
        var refusal = SameOrigin.Refusal(Request("http", "hub.lan:8090", origin), trustProxy: false);

        Assert.NotNull(refusal);
        Assert.Contains(origin, refusal);
    }

    [Fact]
    public void SameOrigin_should_refuse_a_handshake_without_an_origin_and_say_so()
    {
        var refusal = SameOrigin.Refusal(Request("http", "hub.lan:8090", origin: null), trustProxy: false);

        Assert.Contains("Origin header is missing", refusal);
    }

    [Fact]
    public void SameOrigin_should_ignore_forwarded_headers_unless_the_proxy_is_trusted()
    {
        var behindProxy = Request("http", "127.0.0.1:8090", "https://lumen.example.org",
            ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "lumen.example.org"));

        Assert.NotNull(SameOrigin.Refusal(behindProxy, trustProxy: false));
        Assert.Null(SameOrigin.Refusal(behindProxy, trustProxy: true));
    }

    [Fact]
    public void SameOrigin_should_take_the_first_forwarded_value_when_proxies_are_chained()
    {
        var chained = Request("http", "127.0.0.1:8090", "https://lumen.example.org",
            ("X-Forwarded-Proto", "https, http"), ("X-Forwarded-Host", "lumen.example.org, internal:8090"));

        Assert.Null(SameOrigin.Refusal(chained, trustProxy: true));
    }

    [Fact]
    public void SameOrigin_should_compare_with_the_request_itself_when_a_trusted_proxy_sends_no_forwarded_headers()
    {
        Assert.Null(SameOrigin.Refusal(Request("http", "hub.lan:8090", "http://hub.lan:8090"), trustProxy: true));
    }
}
