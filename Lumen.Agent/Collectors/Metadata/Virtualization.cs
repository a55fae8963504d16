namespace Lumen.Agent.Collectors.Metadata;

/// <summary>
/// What the agent runs in, named as systemd-detect-virt names it: a container first (a
/// container on a VM is still a container), then a hypervisor, else "" for bare metal.
/// </summary>
public static class Virtualization
{
    /// <summary>DMI vendor/product substrings of hypervisors that say who they are.</summary>
    private static readonly (string Marker, string Type)[] DmiMarkers =
    [
        ("VMware", "vmware"), ("VirtualBox", "oracle"), ("innotek", "oracle"), ("Xen", "xen"), ("Parallels", "parallels"),
        ("BHYVE", "bhyve"), ("Amazon EC2", "amazon"), ("Google Compute Engine", "google"), ("KVM", "kvm"),
        ("Microsoft Corporation Virtual Machine", "microsoft"),
    ];

    public static string Detect(CollectorOptions options) =>
        Container(options.HostRoot, options.ProcRoot) ?? VirtualMachine(options.SysRoot, options.ProcRoot) ?? "";

    private static string? Container(string hostRoot, string procRoot)
    {
        // systemd (and LXC, podman, nspawn) write the manager's name here: the most precise hint.
        if (Read(hostRoot, "run/systemd/container") is { Length: > 0 } manager) return manager;
        if (KernelFile.Exists(KernelFile.Under(hostRoot, ".dockerenv"))) return "docker";
        if (KernelFile.Exists(KernelFile.Under(hostRoot, "run/.containerenv"))) return "podman";
        var cgroup = Read(procRoot, "1/cgroup") ?? "";
        if (cgroup.Contains("/docker", StringComparison.Ordinal)) return "docker";
        if (cgroup.Contains("/lxc", StringComparison.Ordinal) || cgroup.Contains("lxc.payload", StringComparison.Ordinal)) return "lxc";
        if (cgroup.Contains("kubepods", StringComparison.Ordinal)) return "container-other";
        return Read(procRoot, "sys/kernel/osrelease") is { } kernel && kernel.Contains("microsoft", StringComparison.OrdinalIgnoreCase) ? "wsl" : null;
    }

    private static string? VirtualMachine(string sysRoot, string procRoot)
    {
        var dmi = $"{Read(sysRoot, "class/dmi/id/sys_vendor")} {Read(sysRoot, "class/dmi/id/product_name")}";
        foreach (var (marker, type) in DmiMarkers)
            if (dmi.Contains(marker, StringComparison.OrdinalIgnoreCase)) return type;
        // KVM guests (Proxmox, Firecracker, most clouds) say "QEMU" or nothing in DMI; the paravirtual clock tells them apart from plain emulation.
        if (Read(sysRoot, "devices/system/clocksource/clocksource0/available_clocksource")?.Contains("kvm-clock", StringComparison.Ordinal) == true) return "kvm";
        if (dmi.Contains("QEMU", StringComparison.OrdinalIgnoreCase)) return "qemu";
        if (Read(sysRoot, "hypervisor/type") is { Length: > 0 } hypervisor) return hypervisor;
        // The CPU flag says "a hypervisor is there" without saying which one.
        return Read(procRoot, "cpuinfo")?.Contains(" hypervisor", StringComparison.Ordinal) == true ? "vm-other" : null;
    }

    private static string? Read(string root, string relative) => KernelFile.ReadOrNull(KernelFile.Under(root, relative))?.Trim();
}
