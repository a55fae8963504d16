using Lumen.Hub.Notifications.WebPush;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.Notifications.WebPush;

public sealed class WebPushSubscriptionStoreSpecs : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly WebPushSubscriptionStore _store;

    public WebPushSubscriptionStoreSpecs()
    {
        _store = new WebPushSubscriptionStore(_database.Database, TimeProvider.System);
        _database.Execute("INSERT INTO notification_channels (id, name, type, created_at, updated_at) VALUES (1, 'a', 'web_push', 1, 1), (2, 'b', 'web_push', 1, 1), (3, 'c', 'ntfy', 1, 1)");
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Upsert_should_update_the_keys_and_label_of_a_known_endpoint_keeping_its_id_and_created_at()
    {
        var first = _store.Upsert(1, "https://push.example.org/a", "key-1", "auth-1", "phone");

        var again = _store.Upsert(1, "https://push.example.org/a", "key-2", "auth-2", "new phone");

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.CreatedAt, again.CreatedAt);
        var stored = Assert.Single(_store.ListByChannel(1));
        Assert.Equal(("key-2", "auth-2", "new phone"), (stored.P256dh, stored.Auth, stored.Label));
    }

    [Fact]
    public void ListByChannel_should_give_a_channels_subscriptions_oldest_first()
    {
        _store.Upsert(1, "https://push.example.org/a", "k", "a", "");
        _store.Upsert(2, "https://push.example.org/b", "k", "a", "");
        _store.Upsert(1, "https://push.example.org/c", "k", "a", "");

        Assert.Equal(["https://push.example.org/a", "https://push.example.org/c"], _store.ListByChannel(1).Select(s => s.Endpoint));
        Assert.Empty(_store.ListByChannel(3));
    }

    [Fact]
    public void DeleteEndpoint_should_forget_the_endpoint_on_every_channel()
    {
        _store.Upsert(1, "https://push.example.org/gone", "k", "a", "");
        _store.Upsert(2, "https://push.example.org/gone", "k", "a", "");
        _store.Upsert(2, "https://push.example.org/kept", "k", "a", "");

        Assert.Equal(2, _store.DeleteEndpoint("https://push.example.org/gone"));

        Assert.Empty(_store.ListByChannel(1));
        Assert.Equal(["https://push.example.org/kept"], _store.ListByChannel(2).Select(s => s.Endpoint));
    }

    [Fact]
    public void Delete_and_DeleteChannel_should_remove_only_what_they_name()
    {
        var one = _store.Upsert(1, "https://push.example.org/a", "k", "a", "");
        _store.Upsert(1, "https://push.example.org/b", "k", "a", "");
        _store.Upsert(2, "https://push.example.org/c", "k", "a", "");

        Assert.True(_store.Delete(one.Id));
        Assert.False(_store.Delete(one.Id));
        Assert.Equal(1, _store.DeleteChannel(1));
        Assert.Empty(_store.ListByChannel(1));
        Assert.Single(_store.ListByChannel(2));
    }
}
