namespace Lumen.Hub.GoImport;

/// <summary>An import that cannot be done as asked (not a Go hub's database, an unknown schema, a hub with hosts of its own): nothing was changed.</summary>
public sealed class GoImportException(string message) : Exception(message);
