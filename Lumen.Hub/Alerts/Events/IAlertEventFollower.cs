using Lumen.Hub.Alerts.Engine;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Alerts.Events;

/// <summary>
/// Writes what follows from an alert event in the transaction that writes the event: both are
/// there after a crash, or neither. Called again for a transition replayed from the journal,
/// so it must be idempotent.
/// </summary>
public interface IAlertEventFollower
{
    void Follow(SqliteTransaction transaction, IAlertTransition transition);
}
