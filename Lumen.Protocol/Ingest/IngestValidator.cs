using System.Text.Json;
using Lumen.Protocol.Metrics;

namespace Lumen.Protocol.Ingest;

/// <summary>
/// Checks a parsed frame against <see cref="IngestLimits"/>. Returns null when the frame is
/// valid, otherwise one human-readable message that starts with the offending field's path
/// (<c>containers[3].mem_pct</c>), so an agent author can fix it without reading hub code.
/// </summary>
public static partial class IngestValidator
{
    public static string? Validate(IngestFrame frame)
    {
        if (Unknown(frame.UnknownFields, FieldPath.Root) is { } unknown) return unknown;
        if (frame.Ts == default) return "ts is required (RFC 3339, e.g. 2026-01-02T15:04:05Z)";
        if (frame.Ts < IngestLimits.EarliestTs) return $"ts {Rfc3339TimestampConverter.Format(frame.Ts)} is before 2000-01-01: is the agent's clock set?";

        return ValidateScalars(frame)
            ?? ValidateCores(frame.CpuPerCore)
            ?? ValidateContainers(frame.Containers)
            ?? ValidateSystem(frame.System)
            ?? ValidateGpus(frame.Gpus)
            ?? ValidateProcesses(frame.Processes)
            ?? ValidateDisks(frame.Disks)
            ?? ValidateNics(frame.Nics)
            ?? ValidateFilesystems(frame.Filesystems);
    }

    private static string? ValidateScalars(IngestFrame frame)
    {
        var values = frame.Scalars.Span;
        foreach (var metric in ScalarMetrics.All)
            if (metric.Check(values[metric.Index]) is { } error) return error;
        return null;
    }

    private static string? ValidateCores(double[]? cores)
    {
        if (cores is null) return null;
        if (cores.Length > IngestLimits.MaxCores) return $"cpu_per_core has {cores.Length} entries; at most {IngestLimits.MaxCores} are accepted";
        for (var i = 0; i < cores.Length; i++)
            if (Percent(new FieldPath("cpu_per_core", i), "", cores[i]) is { } error) return error;
        return null;
    }

    private static string? ValidateContainers(ContainerSample[]? containers)
    {
        if (containers is null) return null;
        if (containers.Length > IngestLimits.MaxContainers) return $"containers has {containers.Length} entries; at most {IngestLimits.MaxContainers} are accepted";
        for (var i = 0; i < containers.Length; i++)
        {
            var c = containers[i];
            if (c is null) return $"containers[{i}] must be an object";
            var at = new FieldPath("containers", i);
            var error = Unknown(c.UnknownFields, at)
                ?? Text(at, "id", c.Id, IngestLimits.MaxContainerIdLength)
                ?? Text(at, "name", c.Name, IngestLimits.MaxContainerNameLength)
                ?? Text(at, "image", c.Image, IngestLimits.MaxContainerImageLength)
                ?? Text(at, "state", c.State, IngestLimits.MaxContainerStateLength)
                ?? Range(at, "cpu_pct", c.CpuPct, 0, IngestLimits.MaxContainerCpuPct)
                ?? NonNegative(at, "mem_used_bytes", c.MemUsedBytes)
                ?? NonNegative(at, "mem_limit_bytes", c.MemLimitBytes)
                ?? Percent(at, "mem_pct", c.MemPct);
            if (error is not null) return error;
        }
        return null;
    }

    private static string? ValidateSystem(SystemInfo? s)
    {
        if (s is null) return null;
        return Unknown(s.UnknownFields, FieldPath.System)
            ?? Text(FieldPath.System, "os", s.Os, IngestLimits.MaxSystemStringLength)
            ?? Text(FieldPath.System, "hostname", s.Hostname, IngestLimits.MaxHostnameLength)
            ?? Text(FieldPath.System, "primary_ip", s.PrimaryIp, IngestLimits.MaxSystemStringLength)
            ?? Text(FieldPath.System, "kernel", s.Kernel, IngestLimits.MaxSystemStringLength)
            ?? Text(FieldPath.System, "arch", s.Arch, IngestLimits.MaxShortSystemStringLength)
            ?? Text(FieldPath.System, "cpu_model", s.CpuModel, IngestLimits.MaxSystemStringLength)
            ?? NonNegative(FieldPath.System, "uptime_seconds", s.UptimeSeconds)
            ?? Text(FieldPath.System, "agent_version", s.AgentVersion, IngestLimits.MaxShortSystemStringLength)
            ?? Text(FieldPath.System, "virt_type", s.VirtType, IngestLimits.MaxShortSystemStringLength);
    }

    private static string? ValidateGpus(GpuSample[]? gpus)
    {
        if (gpus is null) return null;
        if (gpus.Length > IngestLimits.MaxGpus) return $"gpus has {gpus.Length} entries; at most {IngestLimits.MaxGpus} are accepted";
        for (var i = 0; i < gpus.Length; i++)
        {
            var g = gpus[i];
            if (g is null) return $"gpus[{i}] must be an object";
            var at = new FieldPath("gpus", i);
            var error = Unknown(g.UnknownFields, at)
                ?? NonNegative(at, "index", g.Index)
                ?? Text(at, "name", g.Name, IngestLimits.MaxGpuNameLength)
                ?? Percent(at, "util_pct", g.UtilPct)
                ?? NonNegative(at, "mem_used_mb", g.MemUsedMb)
                ?? NonNegative(at, "mem_total_mb", g.MemTotalMb)
                ?? Range(at, "temp_c", g.TempC, IngestLimits.MinTempC, IngestLimits.MaxTempC);
            if (error is not null) return error;
        }
        return null;
    }

    private static string? ValidateProcesses(ProcessSample[]? processes)
    {
        if (processes is null) return null;
        if (processes.Length > IngestLimits.MaxProcesses) return $"processes has {processes.Length} entries; at most {IngestLimits.MaxProcesses} are accepted";
        for (var i = 0; i < processes.Length; i++)
        {
            var p = processes[i];
            if (p is null) return $"processes[{i}] must be an object";
            var at = new FieldPath("processes", i);
            var error = Unknown(p.UnknownFields, at)
                ?? NonNegative(at, "pid", p.Pid)
                ?? Text(at, "name", p.Name, IngestLimits.MaxProcessNameLength)
                ?? Text(at, "user", p.User, IngestLimits.MaxProcessUserLength)
                ?? Range(at, "cpu_pct", p.CpuPct, 0, IngestLimits.MaxContainerCpuPct)
                ?? NonNegative(at, "rss_mb", p.RssMb)
                ?? Text(at, "cmd", p.Cmd, IngestLimits.MaxProcessCmdLength);
            if (error is not null) return error;
        }
        return null;
    }

    private static string? Unknown(Dictionary<string, JsonElement>? unknownFields, FieldPath at)
    {
        if (unknownFields is null || unknownFields.Count == 0) return null;
        foreach (var name in unknownFields.Keys)
            return $"{at.Name(name)} is not a known field";
        return null;
    }

    // Each check costs nothing on success: the message (and the field's path) is only built
    // when the value is bad, because this runs for every ingest.
    private static string? Percent(FieldPath at, string field, double value) =>
        Range(at, field, value, 0, IngestLimits.MaxPercent);

    private static string? NonNegative(FieldPath at, string field, double value) =>
        double.IsFinite(value) && value >= 0 ? null : $"{at.Name(field)} must be a number ≥ 0 (got {value})";

    private static string? Range(FieldPath at, string field, double value, double min, double max) =>
        double.IsFinite(value) && value >= min && value <= max ? null : $"{at.Name(field)} must be between {min} and {max} (got {value})";

    private static string? Text(FieldPath at, string field, string? value, int maxLength)
    {
        if (value is null) return $"{at.Name(field)} must be a string, not null";
        return value.Length <= maxLength ? null : $"{at.Name(field)} is {value.Length} characters long; at most {maxLength} are accepted";
    }

    /// <summary>Where a checked value sits in the frame; spelled out only for an error message.</summary>
    private readonly record struct FieldPath(string? Parent, int Index)
    {
        public static readonly FieldPath Root = new(null, -1);
        public static readonly FieldPath System = new("system", -1);

        public string Name(string field) => (Parent, Index, field) switch
        {
            (null, _, _) => field,
            (_, < 0, _) => $"{Parent}.{field}",
            (_, _, "") => $"{Parent}[{Index}]",
            _ => $"{Parent}[{Index}].{field}",
        };
    }
}
