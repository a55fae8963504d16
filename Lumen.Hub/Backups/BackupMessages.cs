namespace Lumen.Hub.Backups;

/// <summary>Take a backup now with this passphrase; answered with a <see cref="BackupRunOutcome"/>.</summary>
public sealed record RunBackup(string Passphrase);

/// <summary>The backup settings were written: the scheduler reads them again and re-arms.</summary>
public sealed record BackupSettingsChanged
{
    public static readonly BackupSettingsChanged Instance = new();
}

/// <summary>Asks for the scheduler's <see cref="BackupStatus"/>.</summary>
public sealed record GetBackupStatus
{
    public static readonly GetBackupStatus Instance = new();
}

/// <summary>
/// A restore is about to replace the database: no backup may start (answered with
/// <see cref="RestoreClaimed"/>, granted only when none runs). <see cref="ReleaseRestore"/> undoes it when the restore is refused.
/// </summary>
public sealed record ClaimForRestore
{
    public static readonly ClaimForRestore Instance = new();
}

public sealed record RestoreClaimed(bool Granted);

public sealed record ReleaseRestore
{
    public static readonly ReleaseRestore Instance = new();
}

/// <summary>How a backup run ended.</summary>
public abstract record BackupRunOutcome
{
    /// <summary>Stored; <paramref name="Deleted"/> are the older backups retention removed after it.</summary>
    public sealed record Succeeded(BackupResult Result, IReadOnlyList<string> Deleted) : BackupRunOutcome;

    /// <summary>Another backup or a restore is running; one at a time.</summary>
    public sealed record Busy : BackupRunOutcome;

    /// <summary>Refused before anything was written (no passphrase set, a different one given).</summary>
    public sealed record Refused(string Reason) : BackupRunOutcome;

    /// <summary>Tried and failed (target unreachable, disk full, …).</summary>
    public sealed record Failed(string Error) : BackupRunOutcome;
}

/// <summary>A failed run as the API shows it.</summary>
public sealed record BackupFailure(DateTimeOffset At, string Message, bool Scheduled);

/// <summary>What the scheduler knows: whether a run is going on, the last success and failure since start, the next scheduled run.</summary>
public sealed record BackupStatus(bool Running, BackupResult? LastSuccess, BackupFailure? LastError, DateTimeOffset? NextRunAt, string? ScheduleProblem);

/// <summary>Published on the event stream after every run, scheduled or not (for specs and the log).</summary>
public sealed record BackupRunEnded(BackupRunOutcome Outcome, bool Scheduled);
