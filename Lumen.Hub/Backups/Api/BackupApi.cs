using Akka.Actor;
using Akka.Hosting;
using Lumen.Hub.Accounts;
using Lumen.Hub.Backups.Restore;
using Lumen.Hub.Backups.Settings;
using Lumen.Hub.Backups.Targets;
using Lumen.Hub.Http;

namespace Lumen.Hub.Backups.Api;

/// <summary>
/// The Go hub's backup routes, answered in snake_case: settings (<c>GET|PUT /api/settings/backup</c>,
/// <c>POST …/test</c>), the passphrase, run, list, download and restore. Admins only.
/// </summary>
public static class BackupApi
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public static RouteGroupBuilder MapBackupApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("").AddEndpointFilter(async (context, next) =>
            context.HttpContext.SignedInUser().IsAdmin ? await next(context) : ApiErrors.Result(StatusCodes.Status403Forbidden, "backups are for admins only"));
        admin.MapGet("/settings/backup", GetSettingsAsync);
        admin.MapPut("/settings/backup", PutSettingsAsync);
        admin.MapPost("/settings/backup/test", TestAsync);
        admin.MapPost("/backup/passphrase", SetPassphraseAsync);
        admin.MapPost("/backup/run", RunAsync);
        admin.MapGet("/backup/list", ListAsync);
        admin.MapGet("/backup/download/{name}", DownloadAsync);
        admin.MapPost("/backup/restore/{name}", BackupRestoreApi.RestoreAsync);
        return api;
    }

    private static async Task<IResult> GetSettingsAsync(BackupSettingsStore store, BackupOptions options, IRequiredActor<BackupSchedulerActor> scheduler)
    {
        var settings = await Task.Run(store.Read);
        var status = await (await scheduler.GetAsync()).Ask<BackupStatus>(GetBackupStatus.Instance, AskTimeout);
        return TypedResults.Json(View(settings, status, options), BackupJsonContext.Default.BackupSettingsView);
    }

    private static async Task<IResult> PutSettingsAsync(HttpContext http, BackupSettingsStore store, BackupOptions options, IRequiredActor<BackupSchedulerActor> scheduler)
    {
        var (body, error) = await JsonBody.ReadAsync(http, BackupJsonContext.Default.BackupSettingsBody);
        if (error is not null) return error;
        var (rows, problem) = BackupSettingsChanges.From(body!, options.HubSecret);
        if (problem is not null) return ApiErrors.Result(StatusCodes.Status400BadRequest, problem);
        var settings = await Task.Run(() => store.Write(rows!));
        var actor = await scheduler.GetAsync();
        actor.Tell(BackupSettingsChanged.Instance);
        var status = await actor.Ask<BackupStatus>(GetBackupStatus.Instance, AskTimeout);
        return TypedResults.Json(View(settings, status, options), BackupJsonContext.Default.BackupSettingsView);
    }

    private static async Task<IResult> TestAsync(BackupSettingsStore store, BackupOptions options, CancellationToken cancel)
    {
        try
        {
            await BackupTargets.Create(await Task.Run(store.Read), options).ProbeAsync(cancel);
            return TypedResults.Json(new OkView(true), BackupJsonContext.Default.OkView);
        }
        catch (Exception e) when (e is BackupTargetException or IOException or UnauthorizedAccessException or HttpRequestException)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, $"target probe failed: {e.Message}");
        }
    }

    private static async Task<IResult> SetPassphraseAsync(HttpContext http, BackupSettingsStore store, BackupPassphrase passphrases)
    {
        var (body, error) = await JsonBody.ReadAsync(http, BackupJsonContext.Default.PassphraseBody);
        if (error is not null) return error;
        if (BackupPassphrase.Problem(body!.Passphrase) is { } problem) return ApiErrors.Result(StatusCodes.Status400BadRequest, problem);
        var hash = await passphrases.HashAsync(body.Passphrase!, http.RequestAborted);
        await Task.Run(() => store.Write(new Dictionary<string, string> { [BackupSettingKeys.PassphraseHash] = hash }));
        return TypedResults.Json(new OkView(true), BackupJsonContext.Default.OkView);
    }

    private static async Task<IResult> RunAsync(HttpContext http, IRequiredActor<BackupSchedulerActor> scheduler)
    {
        var (body, error) = await JsonBody.ReadAsync(http, BackupJsonContext.Default.PassphraseBody);
        if (error is not null) return error;
        if (string.IsNullOrEmpty(body!.Passphrase)) return ApiErrors.Result(StatusCodes.Status400BadRequest, "passphrase is required");
        // No timeout worth the name: a backup of a large database takes as long as it takes.
        var outcome = await (await scheduler.GetAsync()).Ask<BackupRunOutcome>(new RunBackup(body.Passphrase), TimeSpan.FromHours(12));
        return outcome switch
        {
            BackupRunOutcome.Succeeded s => TypedResults.Json(new BackupRunView(s.Result.Name, s.Result.SizeBytes, (long)s.Result.Duration.TotalMilliseconds, s.Result.Sha256, s.Result.At, s.Deleted), BackupJsonContext.Default.BackupRunView),
            BackupRunOutcome.Busy => ApiErrors.Result(StatusCodes.Status409Conflict, "a backup or a restore is already running; try again when it has finished"),
            BackupRunOutcome.Refused r => ApiErrors.Result(StatusCodes.Status400BadRequest, r.Reason),
            BackupRunOutcome.Failed f => ApiErrors.Result(StatusCodes.Status500InternalServerError, $"backup failed: {f.Error}"),
            _ => throw new InvalidOperationException($"unknown outcome {outcome}"),
        };
    }

    private static async Task<IResult> ListAsync(BackupSettingsStore store, BackupOptions options, CancellationToken cancel)
    {
        try
        {
            var entries = await BackupTargets.Create(await Task.Run(store.Read), options).ListAsync(cancel);
            return TypedResults.Json(new BackupListView(entries.Select(e => new BackupEntryView(e.Name, e.SizeBytes, e.CreatedAt)).ToList()), BackupJsonContext.Default.BackupListView);
        }
        catch (Exception e) when (e is BackupTargetException or IOException or UnauthorizedAccessException or HttpRequestException)
        {
            return ApiErrors.Result(StatusCodes.Status502BadGateway, $"could not list the backups: {e.Message}");
        }
    }

    private static async Task<IResult> DownloadAsync(string name, BackupSettingsStore store, BackupOptions options, CancellationToken cancel)
    {
        if (!BackupName.IsValid(name)) return NotABackupName(name);
        try
        {
            var content = await BackupTargets.Create(await Task.Run(store.Read), options).OpenReadAsync(name, cancel);
            return TypedResults.Stream(content, "application/octet-stream", fileDownloadName: name);
        }
        catch (FileNotFoundException)
        {
            return ApiErrors.Result(StatusCodes.Status404NotFound, $"no backup named {name}");
        }
        catch (BackupTargetException e)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, e.Message);
        }
    }

    internal static IResult NotABackupName(string name) =>
        ApiErrors.Result(StatusCodes.Status400BadRequest, $"'{name}' is not a backup name; names look like lumen-2026-01-31T02-00-00Z.bak");

    private static BackupSettingsView View(BackupSettings s, BackupStatus status, BackupOptions options) => new(
        s.Enabled, s.Target, s.LocalPath, s.LocalFolder(options.DataFolder), s.Cron, s.RetainLast, s.MaxAgeDays,
        s.S3.Endpoint, s.S3.Region, s.S3.Bucket, s.S3.Prefix, s.S3.AccessKey, s.S3.SecretKeyEncrypted.Length > 0, s.S3.ForcePathStyle,
        s.HasPassphrase, options.EnvironmentPassphrase is not null,
        new BackupStatusView(status.Running, status.LastSuccess is { } ok ? BackupResultView.From(ok) : null,
            status.LastError is { } failure ? new BackupFailureView(failure.At, failure.Message, failure.Scheduled) : null,
            status.NextRunAt, status.ScheduleProblem));
}
