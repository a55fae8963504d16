namespace Lumen.Agent.Collectors.Cpu;

/// <summary>Cumulative time one CPU line of /proc/stat has spent in each state, in jiffies.</summary>
public sealed record CpuTimes(ulong User, ulong Nice, ulong System, ulong Idle, ulong Iowait, ulong Irq, ulong Softirq, ulong Steal)
{
    /// <summary>
    /// Every state once. guest and guest_nice are left out because the kernel already counts
    /// them inside user and nice; adding them would count a VM's time twice (as gopsutil does).
    /// </summary>
    public ulong Total => User + Nice + System + Idle + Iowait + Irq + Softirq + Steal;

    /// <summary>
    /// Time not spent waiting: iowait is idle time with I/O outstanding, so it is not busy;
    /// steal stays busy (the guest wanted the CPU), as node_exporter and gopsutil count it.
    /// </summary>
    public ulong Busy => Total - Idle - Iowait;
}
