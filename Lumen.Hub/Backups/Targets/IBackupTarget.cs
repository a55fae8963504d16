namespace Lumen.Hub.Backups.Targets;

/// <summary>
/// Where backup files are kept: a local folder or an S3-compatible bucket. Names are plain file
/// names (<c>lumen-2026-12-04T02-00-00Z.bak</c>), never paths; a target lists only the entries
/// directly under it, so retention never reaches into anything nested.
/// </summary>
public interface IBackupTarget
{
    /// <summary>Checks the target can be written (a folder: create, write and delete a probe file; S3: the bucket answers).</summary>
    Task ProbeAsync(CancellationToken cancel);

    /// <summary>Stores <paramref name="content"/> under <paramref name="name"/>; nothing is visible under that name until it is complete.</summary>
    Task PutAsync(string name, Stream content, CancellationToken cancel);

    /// <summary>The backups held, newest first.</summary>
    Task<IReadOnlyList<BackupEntry>> ListAsync(CancellationToken cancel);

    /// <summary>Opens one backup for reading; <see cref="FileNotFoundException"/> when it is not there.</summary>
    Task<Stream> OpenReadAsync(string name, CancellationToken cancel);

    Task DeleteAsync(string name, CancellationToken cancel);
}

/// <summary>One stored backup as a target lists it.</summary>
public sealed record BackupEntry(string Name, long SizeBytes, DateTimeOffset CreatedAt);
