namespace Lumen.Hub.Backups.Targets;

/// <summary>
/// Backups in a folder on this machine (created if needed). A file is written under a hidden
/// temporary name and renamed when complete, readable by the hub's user only; listing and
/// deleting see only names of <see cref="BackupName"/>'s shape, never anything else in the folder.
/// </summary>
public sealed class LocalFolderBackupTarget(string folder) : IBackupTarget
{
    private const string ProbeName = ".lumen-write-probe";

    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task ProbeAsync(CancellationToken cancel)
    {
        CreateFolder();
        var probe = Path.Combine(Folder, ProbeName);
        await File.WriteAllTextAsync(probe, "lumen", cancel);
        File.Delete(probe);
    }

    public async Task PutAsync(string name, Stream content, CancellationToken cancel)
    {
        var path = PathOf(name);
        CreateFolder();
        var temporary = Path.Combine(Folder, $".{name}.{Guid.NewGuid():N}.partial");
        try
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var file = new FileStream(temporary, create))
            {
                await content.CopyToAsync(file, cancel);
                await file.FlushAsync(cancel);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    public Task<IReadOnlyList<BackupEntry>> ListAsync(CancellationToken cancel)
    {
        if (!Directory.Exists(Folder)) return Task.FromResult<IReadOnlyList<BackupEntry>>([]);
        IReadOnlyList<BackupEntry> entries = new DirectoryInfo(Folder).EnumerateFiles("lumen-*.bak")
            .Where(file => BackupName.IsValid(file.Name))
            .Select(file => new BackupEntry(file.Name, file.Length, BackupName.TakenAt(file.Name)!.Value))
            .OrderByDescending(entry => entry.CreatedAt)
            .ToList();
        return Task.FromResult(entries);
    }

    public Task<Stream> OpenReadAsync(string name, CancellationToken cancel)
    {
        var path = PathOf(name);
        if (!File.Exists(path)) throw new FileNotFoundException($"no backup named {name} in {Folder}", name);
        return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true));
    }

    public Task DeleteAsync(string name, CancellationToken cancel)
    {
        File.Delete(PathOf(name));
        return Task.CompletedTask;
    }

    /// <summary>A new folder is the hub user's alone; an existing one keeps the mode its owner chose.</summary>
    private void CreateFolder()
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(Folder);
        else Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private string PathOf(string name) =>
        BackupName.IsValid(name) ? Path.Combine(Folder, name) : throw new ArgumentException($"'{name}' is not a backup name (lumen-YYYY-MM-DDTHH-MM-SSZ.bak)", nameof(name));
}
