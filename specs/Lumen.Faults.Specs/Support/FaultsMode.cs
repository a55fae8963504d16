namespace Lumen.Faults.Specs.Support;

/// <summary>
/// How hard the suite pushes. Short (the default) runs inside <c>specs/run-all.sh</c> in a few
/// minutes; long (<c>LUMEN_FAULTS_MODE=long</c>) is the run by hand whose figures go to
/// docs/reliability.md.
/// </summary>
public sealed record FaultsMode(
    string Name,
    int CrashAgents,
    int CrashKills,
    TimeSpan Outage,
    int OutageAgents,
    TimeSpan DiskFault,
    int DiskAgents,
    int FuzzInputs,
    int SoakHosts,
    TimeSpan SoakDuration)
{
    public static readonly FaultsMode Short = new("short",
        CrashAgents: 50, CrashKills: 2,
        Outage: TimeSpan.FromSeconds(30), OutageAgents: 50,
        DiskFault: TimeSpan.FromSeconds(20), DiskAgents: 40,
        FuzzInputs: 3000,
        SoakHosts: 1000, SoakDuration: TimeSpan.FromMinutes(2));

    public static readonly FaultsMode Long = new("long",
        CrashAgents: 200, CrashKills: 5,
        Outage: TimeSpan.FromMinutes(10), OutageAgents: 200,
        DiskFault: TimeSpan.FromMinutes(2), DiskAgents: 100,
        FuzzInputs: 60_000,
        SoakHosts: 1000, SoakDuration: TimeSpan.FromHours(1));

    /// <summary>Read once from <c>LUMEN_FAULTS_MODE</c> (<c>short</c> or <c>long</c>).</summary>
    public static FaultsMode Current { get; } = Environment.GetEnvironmentVariable("LUMEN_FAULTS_MODE")?.Trim().ToLowerInvariant() switch
    {
        null or "" or "short" => Short,
        "long" => Long,
        var other => throw new InvalidOperationException($"LUMEN_FAULTS_MODE '{other}' must be short or long"),
    };

    public bool IsLong => Name == "long";
}
