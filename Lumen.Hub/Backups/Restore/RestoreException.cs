namespace Lumen.Hub.Backups.Restore;

/// <summary>A restore refused before anything was changed; the message says why and what to do.</summary>
public sealed class RestoreException(string message) : Exception(message);
