namespace Lumen.Hub.Backups.Archive;

/// <summary>
/// A file that cannot be opened as a backup: not one, a version this hub does not know, a wrong
/// passphrase, or bytes cut off or changed. The message says which, for the person restoring.
/// </summary>
public sealed class BackupFormatException(string message) : Exception(message);
