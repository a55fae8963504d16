using Akka.Actor;
using Lumen.Hub.Hosts;
using Lumen.Hub.Hosts.Matching;
using Lumen.Hub.Http;

namespace Lumen.Hub.Alerts.Rules;

/// <summary>
/// <c>/api/alerts/rules</c>: the Go hub's routes and fields. Every body is checked whole before
/// anything is written, and a 400 names the field. A write reaches every host actor at once;
/// deleting or disabling a rule resolves its firing alerts.
/// </summary>
public static class AlertRulesApi
{
    public static RouteGroupBuilder MapAlertRulesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts/rules", (AlertRuleStore store) =>
            TypedResults.Json(store.List().Select(AlertRuleView.Of).ToArray(), AlertsJsonContext.Default.AlertRuleViewArray));
        api.MapPost("/alerts/rules", CreateAsync);
        api.MapPut("/alerts/rules/{id:long}", UpdateAsync);
        api.MapDelete("/alerts/rules/{id:long}", Delete);
        api.MapPost("/alerts/rules/preview", PreviewAsync);
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, AlertRuleStore store, ActorSystem system)
    {
        var (body, error) = await JsonBody.ReadAsync(http, AlertsJsonContext.Default.AlertRuleBody);
        if (error is not null) return error;
        var now = store.Now;
        var (rule, invalid) = AlertRuleCheck.Check(body!, 0, now, now, body!.ChannelIds ?? [], store.ExistingChannels);
        if (invalid is not null) return ApiErrors.Result(StatusCodes.Status400BadRequest, invalid);
        var created = store.Create(rule!);
        system.EventStream.Publish(AlertRulesChanged.Instance);
        return TypedResults.Json(AlertRuleView.Of(created), AlertsJsonContext.Default.AlertRuleView, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(long id, HttpContext http, AlertRuleStore store, ActorSystem system)
    {
        var (body, error) = await JsonBody.ReadAsync(http, AlertsJsonContext.Default.AlertRuleBody);
        if (error is not null) return error;
        if (store.Find(id) is not { } existing) return NoSuchRule();
        var (rule, invalid) = AlertRuleCheck.Check(body!, id, existing.CreatedAt, store.Now, body!.ChannelIds ?? existing.ChannelIds, store.ExistingChannels);
        if (invalid is not null) return ApiErrors.Result(StatusCodes.Status400BadRequest, invalid);
        if (!store.Update(rule!, body.ChannelIds is null ? null : rule!.ChannelIds)) return NoSuchRule();
        system.EventStream.Publish(AlertRulesChanged.Instance);
        return TypedResults.Json(AlertRuleView.Of(store.Find(id)!), AlertsJsonContext.Default.AlertRuleView);
    }

    private static IResult Delete(long id, AlertRuleStore store, ActorSystem system)
    {
        if (!store.Delete(id)) return NoSuchRule();
        system.EventStream.Publish(AlertRulesChanged.Instance);
        return TypedResults.NoContent();
    }

    /// <summary>Which hosts a rule would watch, for the editor to show as the user types.</summary>
    private static async Task<IResult> PreviewAsync(HttpContext http, HostStore hosts)
    {
        var (body, error) = await JsonBody.ReadAsync(http, AlertsJsonContext.Default.RulePreviewBody);
        if (error is not null) return error;
        var (pattern, hostError) = HostPattern.Parse(body!.Host);
        if (hostError is not null) return ApiErrors.Result(StatusCodes.Status400BadRequest, $"host: {hostError}");
        var (selector, selectorError) = TagSelector.Parse(body.HostSelector);
        if (selectorError is not null) return ApiErrors.Result(StatusCodes.Status400BadRequest, $"host_selector: {selectorError}");
        var matches = hosts.ListDetails()
            .Where(h => selector!.IsEveryone ? pattern!.Matches(h.Host.Name) : selector.Matches(h.Tags))
            .Select(h => new RulePreview.Match(h.Host.Id.Value, h.Host.Name)).ToList();
        return TypedResults.Json(new RulePreview(matches), AlertsJsonContext.Default.RulePreview);
    }

    private static IResult NoSuchRule() => ApiErrors.Result(StatusCodes.Status404NotFound, "rule not found");
}
