using Lumen.Agent.Collectors.Metadata;
using Lumen.Agent.Specs.Support;
using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Specs.Metadata;

public sealed class SystemInfoSourceSpecs
{
    [Fact]
    public async Task System_info_should_describe_the_nas()
    {
        var frame = new IngestFrame();

        await new SystemInfoSource(Fixture.Options("nas"), () => "192.0.2.10").CollectAsync(frame, Fixture.Tick(0), default);

        Assert.Equal(new SystemInfo
        {
            Os = "Debian GNU/Linux 12 (bookworm)", Hostname = "nas", PrimaryIp = "192.0.2.10", Kernel = "6.1.0-26-amd64",
            Arch = MachineArchitecture.Current, CpuModel = "Intel(R) Celeron(R) N5105 @ 2.00GHz", UptimeSeconds = 864000,
            AgentVersion = AgentVersion.Current, VirtType = "",
        }, frame.System);
        Assert.Equal("nas", frame.Host);
    }

    [Fact]
    public async Task System_info_should_fall_back_when_files_are_missing()
    {
        var frame = new IngestFrame();

        await new SystemInfoSource(Fixture.Options("old-kernel"), () => "").CollectAsync(frame, Fixture.Tick(0), default);

        Assert.Equal("Linux", frame.System!.Os);
        Assert.Equal(Environment.MachineName, frame.System.Hostname);
        Assert.Equal(0, frame.System.UptimeSeconds);
    }

    [Fact]
    public void Uptime_should_be_whole_seconds()
    {
        Assert.Equal(3878, ProcUptime.ParseSeconds("3878.96 3222.29\n"));
    }

    [Theory]
    [InlineData("0.1.0+8e6f502abcdef0123456789abcdef0123456789", "0.1.0+8e6f502")]
    [InlineData("0.1.0", "0.1.0")]
    [InlineData(null, "")]
    public void Agent_version_should_fit_the_hubs_32_characters(string? informational, string expected)
    {
        Assert.Equal(expected, AgentVersion.Format(informational));
    }

    [Fact]
    public void Architecture_should_use_gos_names()
    {
        Assert.Equal("amd64", MachineArchitecture.GoName(System.Runtime.InteropServices.Architecture.X64));
        Assert.Equal("arm64", MachineArchitecture.GoName(System.Runtime.InteropServices.Architecture.Arm64));
        Assert.Equal("arm", MachineArchitecture.GoName(System.Runtime.InteropServices.Architecture.Arm));
    }

    [Fact]
    public void Primary_address_should_be_a_local_non_loopback_address_or_empty()
    {
        var address = PrimaryAddress.Find();

        Assert.True(address == "" || System.Net.IPAddress.TryParse(address, out _), address);
        Assert.NotEqual("127.0.0.1", address);
    }
}
