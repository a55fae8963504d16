namespace Lumen.Protocol.Ingest;

/// <summary>
/// The lists of <see cref="IngestFrame"/> beyond the Go hub's frame. A Go hub refuses a frame
/// with a field it does not know, so an agent sends one of these only to a hub whose policy
/// lists it (<see cref="Policy.AgentPolicy.FrameFields"/>); this hub lists them all.
/// </summary>
public static class OptionalFrameFields
{
    public const string Disks = "disks";
    public const string Nics = "nics";
    public const string Filesystems = "filesystems";

    public static readonly string[] All = [Disks, Nics, Filesystems];

    public static bool IsOptional(string fieldName) => Array.IndexOf(All, fieldName) >= 0;
}
