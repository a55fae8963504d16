using Akka.Actor;
using Lumen.Hub.Alerts.Engine;
using Lumen.Hub.Alerts.Journal;
using Lumen.Hub.Hosts;
using Lumen.Protocol.Ingest;

namespace Lumen.Hub.Alerts;

/// <summary>
/// The alert engine inside one host actor: <see cref="HostAlerts"/> judges the host's frames
/// as they land and at its offline deadline, and every transition it decides goes to the alert
/// journal. Policies and silences arrive as the host actor's messages.
/// </summary>
public sealed class AlertWatch(HostId hostId, string name, DateTimeOffset startedAt, IActorRef journal) : IHostWatch
{
    private readonly HostAlerts _alerts = new(hostId.Value, name, startedAt);

    public DateTimeOffset? NextDeadline => _alerts.NextDeadline;

    public void Observe(IngestFrame frame, DateTimeOffset receivedAt) => Report(_alerts.Observe(frame, receivedAt));

    public void Tick(DateTimeOffset now) => Report(_alerts.Tick(now));

    public bool Handle(object message, DateTimeOffset now)
    {
        switch (message)
        {
            case AlertPolicy policy:
                Report(_alerts.Apply(policy, now));
                return true;
            case HostCommands.SetSilence silence:
                Report(_alerts.Silence(silence.Until));
                return true;
            default:
                return false;
        }
    }

    private void Report(IReadOnlyList<IAlertTransition> transitions)
    {
        if (transitions.Count > 0) journal.Tell(new AlertJournalMessages.Record(transitions));
    }
}
