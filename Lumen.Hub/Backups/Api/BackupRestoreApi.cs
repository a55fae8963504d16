using Akka.Actor;
using Akka.Hosting;
using Lumen.Hub.Backups.Restore;
using Lumen.Hub.Backups.Settings;
using Lumen.Hub.Backups.Targets;
using Lumen.Hub.Http;

namespace Lumen.Hub.Backups.Api;

/// <summary>
/// <c>POST /api/backup/restore/{name}</c>: checks the backup completely (passphrase, every
/// segment, SQLite's integrity check, the schema) into a staged file, answers, then stops the
/// hub gracefully; Program.cs swaps the files and starts it again on the restored database.
/// A refused restore changes nothing and the hub keeps running.
/// </summary>
public static class BackupRestoreApi
{
    private static void NoGoImport(string goDatabasePath, string hubDatabasePath) =>
        throw new RestoreException("this hub was started without the Go importer");

    public static async Task<IResult> RestoreAsync(string name, HttpContext http, BackupSettingsStore store, BackupOptions options,
        PendingRestore pending, TimeProvider clock, IHostApplicationLifetime lifetime, IRequiredActor<BackupSchedulerActor> scheduler)
    {
        if (!BackupName.IsValid(name)) return BackupApi.NotABackupName(name);
        var (body, error) = await JsonBody.ReadAsync(http, BackupJsonContext.Default.RestoreBody);
        if (error is not null) return error;
        if (string.IsNullOrEmpty(body!.Passphrase)) return ApiErrors.Result(StatusCodes.Status400BadRequest, "passphrase is required");

        var actor = await scheduler.GetAsync();
        var claim = await actor.Ask<RestoreClaimed>(ClaimForRestore.Instance, TimeSpan.FromSeconds(5));
        if (!claim.Granted) return ApiErrors.Result(StatusCodes.Status409Conflict, "a backup or a restore is running; try again when it has finished");

        StagedRestore staged;
        try
        {
            var target = BackupTargets.Create(await Task.Run(store.Read), options);
            await using var archive = await target.OpenReadAsync(name, http.RequestAborted);
            staged = await Task.Run(() => StagedRestore.Stage(archive, body.Passphrase, options.DatabasePath));
            if (staged.Schema == BackupSchema.Go) staged = GoBackupRestore.ToLumenSchema(staged, options.DatabasePath, options.ImportGoDatabase ?? NoGoImport);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or RestoreException or BackupTargetException)
        {
            actor.Tell(ReleaseRestore.Instance);
            return e switch
            {
                FileNotFoundException => ApiErrors.Result(StatusCodes.Status404NotFound, $"no backup named {name}"),
                RestoreException or BackupTargetException => ApiErrors.Result(StatusCodes.Status400BadRequest, $"restore refused, nothing was changed: {e.Message}"),
                _ => ApiErrors.Result(StatusCodes.Status500InternalServerError, $"restore failed, nothing was changed: {e.Message}"),
            };
        }
        catch
        {
            actor.Tell(ReleaseRestore.Instance);
            throw;
        }

        var at = clock.GetUtcNow();
        pending.Set(staged, at);
        // Stopped once the answer is out, so the browser learns what happens before the hub goes away.
        http.Response.OnCompleted(() =>
        {
            lifetime.StopApplication();
            return Task.CompletedTask;
        });
        var predecessor = File.Exists(options.DatabasePath) ? PendingRestore.PredecessorOf(options.DatabasePath, at) : null;
        return TypedResults.Json(new RestoreView(name, Path.GetFullPath(options.DatabasePath), predecessor, staged.Schema.ToString().ToLowerInvariant(), staged.FormatVersion, Restarting: true),
            BackupJsonContext.Default.RestoreView, statusCode: StatusCodes.Status202Accepted);
    }
}
