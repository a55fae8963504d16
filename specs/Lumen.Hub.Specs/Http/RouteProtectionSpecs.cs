using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lumen.Hub.Specs.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Http;

/// <summary>
/// Walks the hub's whole route table: every /api route not on the short public list must
/// refuse a request without a session, so a new endpoint cannot ship unprotected by accident.
/// </summary>
public sealed class RouteProtectionSpecs : IAsyncLifetime
{
    /// <summary>The routes anyone may call, each with the reason it is safe.</summary>
    private static readonly HashSet<string> Public =
    [
        "GET /healthz",                // liveness for supervisors and load balancers; says nothing else
        "GET /api/setup-status",       // the sign-in page must know whether to offer registration
        "POST /api/register",          // first admin only; 409 once one exists
        "POST /api/login",
        "POST /api/logout",            // only clears the caller's own cookie
        "POST /api/ingest",            // agents: bearer token instead of a session
        "GET /api/agent/policy",       // agents: bearer token instead of a session
    ];

    private readonly HubFactory _hub = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private IReadOnlyList<(string Method, string Pattern, RouteEndpoint Endpoint)> ApiRoutes()
    {
        _ = _hub.Server;
        return _hub.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText is { } raw && (raw.StartsWith("/api") || raw == "/healthz"))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (method, endpoint.RoutePattern.RawText!, endpoint)))
            .ToList();
    }

    [Fact]
    public void Route_table_should_hold_the_public_routes_it_promises()
    {
        var routes = ApiRoutes().Select(route => $"{route.Method} {route.Pattern}").ToHashSet();

        Assert.Subset(routes, Public);
    }

    [Fact]
    public void Every_api_route_but_the_public_ones_should_require_a_session()
    {
        var unprotected = ApiRoutes()
            .Where(route => !Public.Contains($"{route.Method} {route.Pattern}"))
            .Where(route => route.Endpoint.Metadata.GetMetadata<IAuthorizeData>() is null || route.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(route => $"{route.Method} {route.Pattern}")
            .ToList();

        Assert.Empty(unprotected);
    }

    [Fact]
    public async Task Every_protected_api_route_should_answer_401_json_without_a_session()
    {
        var client = _hub.CreateClient();
        var protectedRoutes = ApiRoutes().Where(route => !Public.Contains($"{route.Method} {route.Pattern}")).ToList();
        Assert.NotEmpty(protectedRoutes);

        foreach (var (method, pattern, _) in protectedRoutes)
        {
            // Route parameters get a plausible value; the session check comes before any lookup.
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", "1");
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH") request.Content = JsonContent.Create(new { });

            var response = await client.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {pattern} answered {(int)response.StatusCode} without a session");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
        }
    }
}
