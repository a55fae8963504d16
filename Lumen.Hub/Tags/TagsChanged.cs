namespace Lumen.Hub.Tags;

/// <summary>
/// Published on the actor system's event stream after the tags hosts carry or the tag
/// selectors of alert rules changed (a host's tags were replaced, a tag or one of its values
/// was deleted everywhere): whoever evaluates rules against tags (the alert engine) reloads
/// both.
/// </summary>
public sealed record TagsChanged
{
    public static readonly TagsChanged Instance = new();

    private TagsChanged() { }
}
