using System.Net;
using System.Net.Sockets;

namespace Lumen.Specs.Support;

/// <summary>
/// A port on 127.0.0.1 that nothing listens on now, for a hub a spec starts. Below the kernel's
/// ephemeral range: a hub must get its port back after a restart, and one the OS hands out for
/// outgoing connections could be taken meanwhile (by an agent's own reconnects, say), one below
/// that range only by a chosen bind.
/// </summary>
public static class FreePort
{
    private const int LowestPort = 10_000;
    private const int Attempts = 100;

    /// <summary>
    /// The ranges suites pick their ports from (installer specs 18300-18399, the dashboard's
    /// browser suite 18400-18499, the fault scenarios 18500-18699, the release check 18990),
    /// left to them: suites that run side by side cannot then race for one port.
    /// </summary>
    private const int SetAsideFirst = 18_300, SetAsideLast = 18_999;

    /// <summary>Any free port from 10000 to the start of the ephemeral range, outside the ranges set aside.</summary>
    public static int BelowEphemeralRange()
    {
        var lowestEphemeral = EphemeralRangeStart();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var port = Random.Shared.Next(LowestPort, lowestEphemeral);
            if (port is < SetAsideFirst or > SetAsideLast && IsFree(port)) return port;
        }
        throw new InvalidOperationException($"no free port between {LowestPort} and {lowestEphemeral} after {Attempts} tries");
    }

    /// <summary>
    /// A free port of a range set aside for one suite, so suites running side by side do not
    /// take each other's: every port of it is tried once, from a random one on.
    /// </summary>
    public static int Between(int first, int last)
    {
        var count = last - first + 1;
        var start = Random.Shared.Next(count);
        for (var i = 0; i < count; i++)
        {
            var port = first + (start + i) % count;
            if (IsFree(port)) return port;
        }
        throw new InvalidOperationException($"no free port in {first}-{last}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false; // taken: the caller tries another
        }
    }

    private static int EphemeralRangeStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range) && int.TryParse(File.ReadAllText(range).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], out var start) && start > LowestPort + 1000
            ? start
            : 32_768;
    }
}
