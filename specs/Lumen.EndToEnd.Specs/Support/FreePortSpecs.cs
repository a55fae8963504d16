using System.Net;
using System.Net.Sockets;
using Lumen.Specs.Support;

namespace Lumen.EndToEnd.Specs.Support;

/// <summary>The port a spec's hub is started on: free when picked, from the range asked for.</summary>
public sealed class FreePortSpecs
{
    [Fact]
    public void FreePort_should_pick_a_port_nothing_listens_on_below_the_ephemeral_range()
    {
        var port = FreePort.BelowEphemeralRange();

        Assert.InRange(port, 10_000, 65_535);
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
    }

    [Fact]
    public void FreePort_should_not_hand_out_a_port_that_is_taken()
    {
        using var taken = new TcpListener(IPAddress.Loopback, FreePort.BelowEphemeralRange());
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        Assert.Throws<InvalidOperationException>(() => FreePort.Between(port, port));
    }
}
