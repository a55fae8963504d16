using System.Text.RegularExpressions;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Docs;

/// <summary>
/// docs/migrating.md's route table against the routes the hub maps: what it calls same or
/// differs is mapped, what it calls not here is not, and every route the hub maps is listed.
/// </summary>
public sealed partial class MigratingDocSpecs
{
    private const string Page = "docs/migrating.md";

    private static string Section(string heading)
    {
        var text = RepositoryFiles.ReadText(Page);
        var start = text.IndexOf($"\n## {heading}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{Page} has no section '{heading}'");
        var end = text.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    /// <summary>Each (method, path) of the Go route table with whether the doc says this hub has it.</summary>
    private static List<(string Route, bool Here)> GoTable() =>
        TableRow().Matches(Section("Every Go hub route"))
            .SelectMany(row => row.Groups["methods"].Value.Split(", ").Select(method =>
                ($"{method} {row.Groups["path"].Value}", !row.Groups["here"].Value.StartsWith("not here", StringComparison.Ordinal))))
            .ToList();

    private static HashSet<string> OnlyHere() =>
        InlineRoute().Matches(Section("Routes only this hub has")).Select(m => m.Groups[1].Value).ToHashSet();

    /// <summary>What the hub maps, parameters without their constraints (<c>{id:long}</c> → <c>{id}</c>); HEAD left out.</summary>
    private static async Task<HashSet<string>> MappedAsync()
    {
        await using var hub = new HubFactory();
        _ = hub.CreateClient();
        return hub.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Where(method => method != "HEAD")
                .Select(method => $"{method} {Parameter().Replace(endpoint.RoutePattern.RawText!, "{$1}")}"))
            .ToHashSet();
    }

    /// <summary>The hub's names of path parameters where they differ from the Go hub's.</summary>
    private static string AsGoNames(string route) => route.Replace("/install/{name}", "/install/{binary}", StringComparison.Ordinal);

    [Fact]
    public void The_table_should_list_the_Go_hubs_routes_once_each()
    {
        var table = GoTable();

        Assert.Equal(table.Count, table.Select(r => r.Route).Distinct().Count());
        // go-lumen-compat.md §8 lists 93 method and path pairs (its last row, "any other path", is the dashboard).
        Assert.Equal(93, table.Count);
    }

    [Fact]
    public async Task Routes_the_doc_calls_same_or_differs_should_be_mapped_and_the_others_not()
    {
        var mapped = (await MappedAsync()).Select(AsGoNames).ToHashSet();

        Assert.All(GoTable(), row => Assert.True(mapped.Contains(row.Route) == row.Here,
            $"{Page} says {row.Route} is {(row.Here ? "" : "not ")}here; the hub {(mapped.Contains(row.Route) ? "maps" : "does not map")} it"));
    }

    [Fact]
    public async Task Every_route_the_hub_maps_should_be_in_the_doc()
    {
        var documented = GoTable().Where(r => r.Here).Select(r => r.Route).Concat(OnlyHere()).ToHashSet();

        Assert.All((await MappedAsync()).Select(AsGoNames), route => Assert.True(documented.Contains(route), $"{route} is mapped but not in {Page}"));
        Assert.All(OnlyHere(), route => Assert.DoesNotContain(route, GoTable().Select(r => r.Route)));
    }

    [GeneratedRegex(@"^\| (?<methods>[A-Z, ]+) \| `(?<path>/[^`]*)` \| (?<here>[^|]+) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"`((?:GET|POST|PUT|DELETE) /[^`]+)`")]
    private static partial Regex InlineRoute();

    [GeneratedRegex(@"\{\**([a-z]+)(?::[a-z]+)?\}")]
    private static partial Regex Parameter();
}
