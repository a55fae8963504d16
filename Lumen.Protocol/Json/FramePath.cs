namespace Lumen.Protocol.Json;

/// <summary>
/// Where a value sits in a frame (<c>cpu_pct</c>, <c>containers[3]</c>, <c>containers[3].name</c>,
/// <c>system.os</c>), kept as parts and spelled out only for an error message. A frame is
/// at most an array of objects deep, so a parent, an index and a field are enough.
/// </summary>
internal readonly record struct FramePath(string? Parent, int Index, string? Field)
{
    public static readonly FramePath Body = new(null, -1, null);

    /// <summary>A field of the object at this path.</summary>
    public FramePath Child(string field) => Field is null ? this with { Field = field } : new(Field, -1, field);

    /// <summary>An item of the array at this path.</summary>
    public FramePath Item(int index) => new(Field, index, null);

    /// <summary>The path as the validator spells it, or null for the body itself.</summary>
    public string? Describe() => (Parent, Index, Field) switch
    {
        (null, _, var field) => field,
        (_, < 0, null) => Parent,
        (_, < 0, _) => $"{Parent}.{Field}",
        (_, _, null) => $"{Parent}[{Index}]",
        _ => $"{Parent}[{Index}].{Field}",
    };
}
