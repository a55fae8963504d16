using Lumen.Hub.Specs.Support;
using Lumen.Hub.Hosts;

namespace Lumen.Hub.Specs.Hosts;

public sealed class HostStoreSpecs : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Add_should_not_reuse_the_id_of_a_removed_host_when_that_host_was_the_newest()
    {
        // Every per-host thing keyed by id (queued rows, live state, durability numbers) of the
        // removed host would otherwise be taken for the new host's.
        var store = new HostStore(_db.Database, TimeProvider.System);
        store.Add("pi");
        var removed = store.Add("old");
        store.Remove("old");

        var added = store.Add("new");

        Assert.NotEqual(removed.Host.Id, added.Host.Id);
    }
}
