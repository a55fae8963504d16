namespace Lumen.Agent.Collectors.Network;

/// <summary>
/// Decides which interfaces count towards the host's traffic: those backed by hardware, i.e.
/// with a <c>/sys/class/net/&lt;if&gt;/device</c>. Everything layered on top of them
/// (bridges, bonds, VLANs, veth pairs, tunnels, WireGuard) carries the same bytes again.
/// Bonds: the slaves are physical and the bond is not, so the slaves are counted and the bond
/// never is; that is the traffic on the wire, and the name rules below agree (bond* out).
/// </summary>
public static class PhysicalInterfaces
{
    /// <summary>Name prefixes of virtual interfaces, for when /sys cannot tell (not mounted, or an agent in its own network namespace).</summary>
    private static readonly string[] VirtualPrefixes =
    [
        "lo", "veth", "docker", "br", "virbr", "vmbr", "lxc", "lxdbr", "podman", "cni", "flannel", "cali", "cilium",
        "vxlan", "kube", "tun", "tap", "wg", "tailscale", "zt", "vnet", "fwbr", "fwpr", "fwln", "ifb", "dummy",
        "bond", "team", "ovs", "gre", "erspan", "sit", "tunl", "ip6tnl", "ip6gre", "ip_vti", "ip6_vti", "nlmon", "macvtap",
    ];

    /// <summary>The interfaces of <paramref name="names"/> whose traffic is counted.</summary>
    public static IReadOnlySet<string> Select(IEnumerable<string> names, string sysRoot)
    {
        var candidates = names.Where(name => name != "lo").ToList();
        var classNet = KernelFile.Under(sysRoot, "class/net");
        if (Directory.Exists(classNet))
        {
            var backed = candidates.Where(name => KernelFile.Exists(Path.Combine(classNet, name, "device"))).ToHashSet();
            // Inside a container every interface is a veth without device/; the name rules
            // then still find its eth0, which is all the traffic that container can see.
            if (backed.Count > 0) return backed;
        }
        return candidates.Where(IsPhysicalByName).ToHashSet();
    }

    /// <summary>eth0, enp3s0, eno1, wlan0, wlp2s0, usb0 pass; VLANs (eth0.100) repeat their parent's bytes.</summary>
    public static bool IsPhysicalByName(string name) =>
        !name.Contains('.') && !name.Contains('@')
        && !VirtualPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
}
