using Akka.Actor;
using Lumen.Hub.Hosts;
using Lumen.Hub.Http;

namespace Lumen.Hub.Tags;

/// <summary>
/// The tag inventory on the Go hub's routes, the pairs hosts carry (<c>/api/host-tags</c>) and
/// a host's own set (<c>PUT /api/hosts/{id}/tags</c>, here because it feeds the inventory).
/// Changes to what hosts carry or rules select by are published as <see cref="TagsChanged"/>.
/// </summary>
public static class TagsApi
{
    public static RouteGroupBuilder MapTagsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/tags", (TagStore store) => TypedResults.Json(store.List(), TagsJsonContext.Default.IReadOnlyListTag));
        api.MapPost("/tags", AddAsync);
        api.MapPut("/tags/{key}", DescribeAsync);
        api.MapDelete("/tags/{key}", Delete);
        api.MapGet("/tags/{key}/impact", Impact);
        api.MapPost("/tags/{key}/values", AddValueAsync);
        api.MapDelete("/tags/{key}/values/{value}", DeleteValue);
        api.MapGet("/tags/{key}/values/{value}/impact", ValueImpact);
        api.MapGet("/host-tags", (TagStore store) => TypedResults.Json(store.HostTagCounts(), TagsJsonContext.Default.IReadOnlyListHostTagCount));
        api.MapPut("/hosts/{id:long}/tags", SetHostTagsAsync);
        return api;
    }

    private static async Task<IResult> AddAsync(HttpContext http, TagStore store)
    {
        var (body, error) = await JsonBody.ReadAsync(http, TagsJsonContext.Default.NewTagRequest);
        if (error is not null) return error;
        var (key, keyError) = TagText.Key(body!.Key);
        if (keyError is not null) return BadRequest(keyError);
        var (description, descriptionError) = TagText.Description(body.Description);
        if (descriptionError is not null) return BadRequest(descriptionError);
        var values = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (text, i) in (body.Values ?? []).Select((text, i) => (text, i)))
        {
            var (value, valueError) = TagText.Value(key, text, $"values[{i}]");
            if (valueError is not null) return BadRequest(valueError);
            values.Add(value);
        }

        return store.Add(key, description, values) is { } tag
            ? TypedResults.Json(tag, TagsJsonContext.Default.Tag, statusCode: StatusCodes.Status201Created)
            : ApiErrors.Result(StatusCodes.Status409Conflict, $"a tag '{key}' already exists");
    }

    private static async Task<IResult> DescribeAsync(string key, HttpContext http, TagStore store)
    {
        var (body, error) = await JsonBody.ReadAsync(http, TagsJsonContext.Default.TagDescriptionRequest);
        if (error is not null) return error;
        var (description, invalid) = TagText.Description(body!.Description);
        if (invalid is not null) return BadRequest(invalid);
        return store.Describe(FromPath(key), description) is { } tag ? TypedResults.Json(tag, TagsJsonContext.Default.Tag) : NoSuchTag(key);
    }

    private static async Task<IResult> AddValueAsync(string key, HttpContext http, TagStore store)
    {
        var (body, error) = await JsonBody.ReadAsync(http, TagsJsonContext.Default.TagValueRequest);
        if (error is not null) return error;
        key = FromPath(key);
        var (value, invalid) = TagText.Value(key, body!.Value);
        if (invalid is not null) return BadRequest(invalid);
        return store.AddValue(key, value) switch
        {
            AddValueOutcome.NoSuchTag => NoSuchTag(key),
            AddValueOutcome.AlreadyListed => ApiErrors.Result(StatusCodes.Status409Conflict, $"tag '{key}' already has the value '{value}'"),
            _ => TypedResults.Json(store.Find(key)!, TagsJsonContext.Default.Tag),
        };
    }

    private static IResult Impact(string key, TagStore store) =>
        store.Impact(FromPath(key)) is { } impact ? Json(impact) : NoSuchTag(key);

    private static IResult ValueImpact(string key, string value, TagStore store) =>
        store.Impact(FromPath(key), FromPath(value)) is { } impact ? Json(impact) : NoSuchValue(store, key, value);

    private static IResult Delete(string key, TagStore store, ActorSystem system)
    {
        if (store.Delete(FromPath(key)) is not { } impact) return NoSuchTag(key);
        system.EventStream.Publish(TagsChanged.Instance);
        return Json(impact);
    }

    private static IResult DeleteValue(string key, string value, TagStore store, ActorSystem system)
    {
        if (store.DeleteValue(FromPath(key), FromPath(value)) is not { } impact) return NoSuchValue(store, key, value);
        system.EventStream.Publish(TagsChanged.Instance);
        return Json(impact);
    }

    private static async Task<IResult> SetHostTagsAsync(long id, HttpContext http, TagStore store, HostViews views, ActorSystem system)
    {
        var (body, error) = await JsonBody.ReadAsync(http, TagsJsonContext.Default.HostTagsRequest);
        if (error is not null) return error;
        if (body!.Tags is not { } tags) return BadRequest("tags is required: an object of key/value strings, {} to clear");
        if (HostTags.Validate(tags) is { } invalid) return BadRequest(invalid);

        if (!store.SetHostTags(new HostId(id), tags.ToDictionary(tag => tag.Key, tag => tag.Value!))) return NoSuchHost(id);
        system.EventStream.Publish(TagsChanged.Instance);
        var view = await views.FindAsync(new HostId(id));
        return view is null ? NoSuchHost(id) : TypedResults.Json(view, HostsJsonContext.Default.HostView);
    }

    /// <summary>
    /// A key or value from the path, trimmed as the Go hub does. The server decodes a path but
    /// for "%2F", which would otherwise split it; a value may hold a '/', so that one is decoded here.
    /// </summary>
    private static string FromPath(string segment) => segment.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase).Trim();

    private static IResult Json(TagImpact impact) => TypedResults.Json(impact, TagsJsonContext.Default.TagImpact);

    private static IResult BadRequest(string message) => ApiErrors.Result(StatusCodes.Status400BadRequest, message);

    private static IResult NoSuchTag(string key) => ApiErrors.Result(StatusCodes.Status404NotFound, $"no tag '{FromPath(key)}'");

    private static IResult NoSuchValue(TagStore store, string key, string value) =>
        store.Find(FromPath(key)) is null ? NoSuchTag(key) : ApiErrors.Result(StatusCodes.Status404NotFound, $"tag '{FromPath(key)}' has no value '{FromPath(value)}'");

    private static IResult NoSuchHost(long id) => ApiErrors.Result(StatusCodes.Status404NotFound, $"no host with id {id}");
}
