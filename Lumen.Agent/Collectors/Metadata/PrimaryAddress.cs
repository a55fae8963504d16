using System.Net;
using System.Net.Sockets;

namespace Lumen.Agent.Collectors.Metadata;

/// <summary>
/// The address other machines reach this host on: the source address the kernel picks for
/// the default route. A UDP socket "connected" to a remote address asks the kernel exactly
/// that (policy routing, metrics and preferred sources included) and sends no packet.
/// </summary>
public static class PrimaryAddress
{
    /// <summary>Documentation ranges (RFC 5737, RFC 3849): routed via the default route like any remote host, never meant to reach one.</summary>
    private static readonly IPAddress[] Probes = [IPAddress.Parse("198.51.100.1"), IPAddress.Parse("2001:db8::1")];

    /// <summary>The IPv4 source address, else the IPv6 one, else "" (no default route).</summary>
    public static string Find() => Probes.Select(SourceFor).FirstOrDefault(a => a is not null) ?? "";

    private static string? SourceFor(IPAddress probe)
    {
        try
        {
            using var socket = new Socket(probe.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(probe, 9);
            return socket.LocalEndPoint is IPEndPoint { Address: var address } && !IPAddress.IsLoopback(address) ? address.ToString() : null;
        }
        catch (SocketException)
        {
            // No route for this family (e.g. no IPv6): the next probe, or none.
            return null;
        }
    }
}
