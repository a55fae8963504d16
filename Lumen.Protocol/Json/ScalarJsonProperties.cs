using System.Text.Json.Serialization.Metadata;
using Lumen.Protocol.Metrics;

namespace Lumen.Protocol.Json;

/// <summary>
/// Gives every <see cref="IScalarValues"/> DTO one JSON number property per metric of the
/// catalogue, named as the metric, placed after its timestamps (<c>ts</c>, <c>received_at</c>)
/// as the Go hub's frames have them. A contract modifier for source-generated contexts.
/// </summary>
public static class ScalarJsonProperties
{
    private static readonly string[] PlacedAfter = ["ts", "received_at"];

    /// <summary>Every metric of the catalogue.</summary>
    public static void Add(JsonTypeInfo typeInfo) => Add(typeInfo, _ => true);

    /// <summary>Only the metrics <paramref name="include"/> accepts (what the agent may send to a hub).</summary>
    public static Action<JsonTypeInfo> Only(Func<ScalarMetric, bool> include) => typeInfo => Add(typeInfo, include);

    private static void Add(JsonTypeInfo typeInfo, Func<ScalarMetric, bool> include)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !typeof(IScalarValues).IsAssignableFrom(typeInfo.Type)) return;
        var at = 0;
        for (var i = 0; i < typeInfo.Properties.Count; i++)
            if (PlacedAfter.Contains(typeInfo.Properties[i].Name)) at = i + 1;
        foreach (var metric in ScalarMetrics.All.Where(include))
            typeInfo.Properties.Insert(at++, Property(typeInfo, metric));
    }

    private static JsonPropertyInfo Property(JsonTypeInfo typeInfo, ScalarMetric metric)
    {
        var index = metric.Index;
        // The API the source generator itself uses: typed accessors, no reflection, no boxing.
        return JsonMetadataServices.CreatePropertyInfo(typeInfo.Options, new JsonPropertyInfoValues<double>
        {
            IsProperty = true,
            IsPublic = true,
            DeclaringType = typeInfo.Type,
            PropertyName = metric.Name,
            JsonPropertyName = metric.Name,
            Getter = owner => ((IScalarValues)owner).ScalarStorage[index],
            Setter = (owner, value) => ((IScalarValues)owner).ScalarStorage[index] = value,
        });
    }
}
