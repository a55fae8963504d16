namespace Lumen.Hub.Backups.Restore;

/// <summary>
/// A restore asked for through the API, checked and staged, waiting for the hub to stop: the
/// running app cannot swap the file under its own open connections, so Program.cs stops it
/// gracefully (the batcher writes what it holds), calls <see cref="ApplyAfterStop"/>, and starts
/// a new app on the restored file in the same process.
/// </summary>
public sealed class PendingRestore
{
    private readonly Lock _gate = new();
    private (StagedRestore Staged, DateTimeOffset At)? _pending;

    /// <summary>The predecessor name the swap will use, reported before it happens.</summary>
    public static string PredecessorOf(string databasePath, DateTimeOffset at) => $"{Path.GetFullPath(databasePath)}.before-restore-{at.ToUnixTimeSeconds()}";

    public void Set(StagedRestore staged, DateTimeOffset at)
    {
        lock (_gate)
        {
            _pending?.Staged.Dispose();
            _pending = (staged, at);
        }
    }

    /// <returns>what was done, or null when no restore was waiting (a plain stop).</returns>
    public RestoreOutcome? ApplyAfterStop(string databasePath)
    {
        lock (_gate)
        {
            if (_pending is not var (staged, at)) return null;
            _pending = null;
            using (staged) return DatabaseSwap.Swap(staged, databasePath, at);
        }
    }
}
