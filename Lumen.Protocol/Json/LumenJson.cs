using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Live;
using Lumen.Protocol.Metrics;
using Lumen.Protocol.Policy;

namespace Lumen.Protocol.Json;

/// <summary>
/// The wire contract's JSON: <see cref="LumenJsonContext"/>'s source-generated contracts with
/// the catalogue's scalar fields added (<see cref="ScalarJsonProperties"/>). Serialize and
/// deserialize through these, never through the bare context, which knows no scalar metric.
/// </summary>
public static class LumenJson
{
    public static JsonSerializerOptions Options { get; } = new(LumenJsonContext.Default.Options)
    {
        TypeInfoResolver = LumenJsonContext.Default.WithAddedModifier(ScalarJsonProperties.Add),
    };

    public static JsonTypeInfo<IngestFrame> IngestFrame { get; } = Info<IngestFrame>();
    public static JsonTypeInfo<LiveSnapshot> LiveSnapshot { get; } = Info<LiveSnapshot>();
    public static JsonTypeInfo<LiveSnapshot[]> LiveSnapshotArray { get; } = Info<LiveSnapshot[]>();
    public static JsonTypeInfo<SystemInfo> SystemInfo { get; } = Info<SystemInfo>();
    public static JsonTypeInfo<AgentPolicy> AgentPolicy { get; } = Info<AgentPolicy>();
    public static JsonTypeInfo<ApiError> ApiError { get; } = Info<ApiError>();
    public static JsonTypeInfo<VersionInfo> VersionInfo { get; } = Info<VersionInfo>();

    /// <summary>A contract for <typeparamref name="T"/> under adjusted options (indented, say), scalar fields included.</summary>
    public static JsonTypeInfo<T> Adjusted<T>(Action<JsonSerializerOptions> adjust)
    {
        var options = new JsonSerializerOptions(Options);
        adjust(options);
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }

    /// <summary>A contract for <typeparamref name="T"/> with only the scalar fields <paramref name="include"/> accepts.</summary>
    public static JsonTypeInfo<T> WithScalars<T>(Func<ScalarMetric, bool> include) => ForHub<T>(include, _ => true);

    /// <summary>
    /// A contract for what a hub accepts: only the scalar fields <paramref name="includeMetric"/>
    /// accepts and the lists of <see cref="OptionalFrameFields"/> <paramref name="includeOptional"/>
    /// accepts (for writing: a list left out is not written at all, not even as null).
    /// </summary>
    public static JsonTypeInfo<T> ForHub<T>(Func<ScalarMetric, bool> includeMetric, Func<string, bool> includeOptional)
    {
        var options = new JsonSerializerOptions(LumenJsonContext.Default.Options)
        {
            TypeInfoResolver = LumenJsonContext.Default
                .WithAddedModifier(ScalarJsonProperties.Only(includeMetric))
                .WithAddedModifier(typeInfo => LeaveOutOptional(typeInfo, includeOptional)),
        };
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }

    private static void LeaveOutOptional(JsonTypeInfo typeInfo, Func<string, bool> include)
    {
        if (typeInfo.Type != typeof(Ingest.IngestFrame)) return;
        var properties = typeInfo.Properties;
        for (var i = properties.Count - 1; i >= 0; i--)
            if (OptionalFrameFields.IsOptional(properties[i].Name) && !include(properties[i].Name)) properties.RemoveAt(i);
    }

    private static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
