using System.Text.Json;
using System.Text.Json.Nodes;
using Lumen.Hub.Http;
using Lumen.Protocol;

namespace Lumen.Hub.Settings;

/// <summary>
/// <c>GET|PUT /api/settings</c>: the runtime settings, durations as Go durations (<c>"24h"</c>),
/// the processes' settings as a boolean, a number and strings. A PUT may carry any subset (<c>""</c>
/// leaves a setting unchanged); every value is checked before any is written, and the answer is
/// the complete effective set.
/// </summary>
public static class SettingsApi
{
    public static RouteGroupBuilder MapSettingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/settings", async (SettingsStore settings) => Answer(await settings.ReadAsync()));
        api.MapPut("/settings", PutAsync);
        return api;
    }

    private static async Task<IResult> PutAsync(HttpContext http, SettingsStore settings)
    {
        var (body, error) = await JsonBody.ReadAsync(http, SettingsJsonContext.Default.DictionaryStringJsonElement);
        if (error is not null) return error;

        var changes = new Dictionary<string, string>();
        foreach (var (key, value) in body!)
        {
            if (LeavesUnchanged(key, value)) continue;
            if (TextSettingDefinitions.Find(key) is { } textDefinition)
            {
                if (TextOf(textDefinition, value) is not { } given)
                    return ApiErrors.Result(StatusCodes.Status400BadRequest, $"{key} must be {textDefinition.Allowed}");
                changes[key] = given;
                continue;
            }
            if (SettingDefinitions.Find(key) is not { } definition)
                return ApiErrors.Result(StatusCodes.Status400BadRequest, $"'{key}' is not a setting; the settings are {string.Join(", ", SettingDefinitions.All.Select(d => d.Key).Concat(TextSettingDefinitions.All.Select(d => d.Key)))}");
            if (value.ValueKind != JsonValueKind.String)
                return ApiErrors.Result(StatusCodes.Status400BadRequest, $"{key} must be a duration string such as \"{GoDuration.Format(definition.Default)}\", between {definition.Bounds}");
            if (Text(value) is not { } text)
                return ApiErrors.Result(StatusCodes.Status400BadRequest, $"{key} is not valid text (invalid UTF-8 or a lone surrogate)");
            changes[key] = text;
        }

        try
        {
            return Answer(await Task.Run(() => settings.Write(changes)));
        }
        catch (ArgumentException e)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, e.Message);
        }
    }

    /// <summary>
    /// <c>""</c> for a setting leaves it as it is, as the Go hub updates only the fields that are
    /// not empty. Except the redact pattern, this hub's own, where <c>""</c> is
    /// the value "no pattern" and the only way to clear one. An unknown key is still refused.
    /// </summary>
    private static bool LeavesUnchanged(string key, JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.ValueEquals("")
        && key != TextSettingDefinitions.ProcessesRedactRegex.Key
        && (SettingDefinitions.Find(key) is not null || TextSettingDefinitions.Find(key) is not null);

    /// <summary>
    /// The string, or null when it cannot be text: a JsonElement checks UTF-8 and escaped
    /// surrogates only when it is read, and then throws (a 500 before this was caught).
    /// </summary>
    private static string? Text(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// A text setting's value as the store takes it, or null when the JSON type is wrong: a
    /// boolean for a flag, a number for an integer (checked for its bounds by the store), a string otherwise.
    /// </summary>
    private static string? TextOf(TextSettingDefinition definition, JsonElement value) => (definition.Kind, value.ValueKind) switch
    {
        (TextSettingKind.Flag, JsonValueKind.True) => "true",
        (TextSettingKind.Flag, JsonValueKind.False) => "false",
        (TextSettingKind.Integer, JsonValueKind.Number) => value.GetRawText(),
        (TextSettingKind.Text, JsonValueKind.String) => Text(value),
        _ => null,
    };

    private static IResult Answer(HubSettings settings)
    {
        var processes = settings.Processes;
        return TypedResults.Json(new JsonObject
        {
            [SettingDefinitions.RetentionWindow.Key] = GoDuration.Format(settings.RetentionWindow),
            [SettingDefinitions.RetentionInterval.Key] = GoDuration.Format(settings.RetentionInterval),
            [SettingDefinitions.AgentInterval.Key] = GoDuration.Format(settings.AgentInterval),
            [SettingDefinitions.DownsampleBucketSize.Key] = GoDuration.Format(settings.DownsampleBucketSize),
            [SettingDefinitions.DownsampleHotWindow.Key] = GoDuration.Format(settings.DownsampleHotWindow),
            [SettingDefinitions.DownsampleArchiveWindow.Key] = GoDuration.Format(settings.DownsampleArchiveWindow),
            [SettingDefinitions.RetentionAlertsWindow.Key] = GoDuration.Format(settings.RetentionAlertsWindow),
            [TextSettingDefinitions.ProcessesEnabled.Key] = processes.Enabled,
            [TextSettingDefinitions.ProcessesTopN.Key] = processes.TopN,
            [TextSettingDefinitions.ProcessesSortBy.Key] = processes.SortBy == ProcessSortOrder.Mem ? "mem" : "cpu",
            [TextSettingDefinitions.ProcessesRedactRegex.Key] = processes.RedactRegex,
        }, SettingsJsonContext.Default.JsonObject);
    }
}
