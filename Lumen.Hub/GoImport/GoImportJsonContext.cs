using System.Text.Json.Serialization;

namespace Lumen.Hub.GoImport;

/// <summary>The JSON the importer reads out of Go columns: a maintenance window's scope tags.</summary>
[JsonSerializable(typeof(Dictionary<string, string?>))]
internal sealed partial class GoImportJsonContext : JsonSerializerContext;
