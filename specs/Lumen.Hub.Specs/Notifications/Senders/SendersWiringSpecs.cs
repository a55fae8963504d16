using Lumen.Hub.Notifications.Senders;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Notifications.Senders;

/// <summary>The hub's wiring gives every channel type built here a sender, found by its type name.</summary>
public sealed class SendersWiringSpecs
{
    [Fact]
    public void AddNotificationSenders_should_register_a_sender_for_each_channel_type()
    {
        var senders = new ServiceCollection().AddNotificationSenders().BuildServiceProvider().GetRequiredService<NotificationSenders>();

        foreach (var type in new[] { "ntfy", "discord", "webhook", "telegram", "email", "slack", "gotify", "pushover" })
            Assert.Equal(type, senders.Find(type)?.Type);
    }
}
