using System.Text.Json.Serialization.Metadata;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.History;

/// <summary>
/// A DTO that carries, beside its averages, each metric's lowest and highest sample in
/// catalogue order; its JSON gets <c>&lt;metric&gt;_min</c> and <c>&lt;metric&gt;_max</c> fields
/// (see <see cref="ScalarRangeJsonProperties"/>) only when <see cref="HasRange"/>.
/// </summary>
public interface IScalarRanges
{
    double[] Minimums { get; }
    double[] Maximums { get; }
    bool HasRange { get; }
}

/// <summary>
/// Puts <c>cpu_pct_min</c> and <c>cpu_pct_max</c> right after <c>cpu_pct</c>, and so for every
/// metric of the catalogue, on <see cref="IScalarRanges"/> DTOs; written only for a point that
/// stands for more than one sample. Runs after <see cref="Lumen.Protocol.Json.ScalarJsonProperties"/>.
/// </summary>
public static class ScalarRangeJsonProperties
{
    public static void Add(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object
            || !typeof(IScalarRanges).IsAssignableFrom(typeInfo.Type)) return;
        foreach (var metric in ScalarMetrics.All)
        {
            var at = 1 + IndexOf(typeInfo, metric.Name);
            typeInfo.Properties.Insert(at, Property(typeInfo, metric.Name + "_min", metric.Index, minimum: true));
            typeInfo.Properties.Insert(at + 1, Property(typeInfo, metric.Name + "_max", metric.Index, minimum: false));
        }
    }

    private static int IndexOf(JsonTypeInfo typeInfo, string name)
    {
        for (var i = 0; i < typeInfo.Properties.Count; i++)
            if (typeInfo.Properties[i].Name == name) return i;
        throw new InvalidOperationException($"{typeInfo.Type.Name} has no '{name}' property: add the scalar properties first");
    }

    private static JsonPropertyInfo Property(
        JsonTypeInfo typeInfo, string name, int index, bool minimum)
    {
        var property = JsonMetadataServices.CreatePropertyInfo(typeInfo.Options,
            new JsonPropertyInfoValues<double>
            {
                IsProperty = true,
                IsPublic = true,
                DeclaringType = typeInfo.Type,
                PropertyName = name,
                JsonPropertyName = name,
                Getter = owner => Values((IScalarRanges)owner, minimum)[index],
                Setter = (owner, value) => Values((IScalarRanges)owner, minimum)[index] = value,
            });
        property.ShouldSerialize = (owner, _) => ((IScalarRanges)owner).HasRange;
        return property;
    }

    private static double[] Values(IScalarRanges owner, bool minimum) => minimum ? owner.Minimums : owner.Maximums;
}
