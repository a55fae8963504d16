using System.Collections.Frozen;

namespace Lumen.Hub.Notifications.Senders;

/// <summary>Every channel type's sender, by type name.</summary>
public sealed class NotificationSenders(IEnumerable<INotificationSender> senders)
{
    private readonly FrozenDictionary<string, INotificationSender> _byType = senders.ToFrozenDictionary(sender => sender.Type);

    public INotificationSender? Find(string type) => _byType.GetValueOrDefault(type);

    public IEnumerable<string> Types => _byType.Keys.Order(StringComparer.Ordinal);
}
