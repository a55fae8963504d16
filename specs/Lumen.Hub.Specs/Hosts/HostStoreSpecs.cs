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

    [Fact]
    public void SetSilence_should_store_whole_seconds_that_list_and_load_read_back()
    {
        var store = new HostStore(_db.Database, TimeProvider.System);
        var pi = store.Add("pi").Host.Id;
        var nas = store.Add("nas").Host.Id;
        var until = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 600);

        Assert.True(store.SetSilence(pi, until));

        Assert.Equal(until.ToUnixTimeSeconds(), _db.Scalar($"SELECT silenced_until FROM hosts WHERE id = {pi.Value}"));
        Assert.Equal(until, store.ListDetails().Single(h => h.Host.Id == pi).SilencedUntil);
        Assert.Null(store.ListDetails().Single(h => h.Host.Id == nas).SilencedUntil);
        Assert.Equal(new Dictionary<HostId, DateTimeOffset> { [pi] = until }, store.LoadSilences());
    }

    [Fact]
    public void SetSilence_should_clear_with_null_and_answer_false_for_an_unknown_host()
    {
        var store = new HostStore(_db.Database, TimeProvider.System);
        var pi = store.Add("pi").Host.Id;
        store.SetSilence(pi, DateTimeOffset.UtcNow.AddHours(1));

        Assert.True(store.SetSilence(pi, null));
        Assert.False(store.SetSilence(new HostId(pi.Value + 100), DateTimeOffset.UtcNow.AddHours(1)));

        Assert.Empty(store.LoadSilences());
        Assert.Equal(1, _db.Scalar("SELECT count(*) FROM hosts WHERE silenced_until IS NULL"));
    }

    [Fact]
    public void SetSilence_should_not_count_as_a_host_change_the_token_directory_reloads_for()
    {
        var store = new HostStore(_db.Database, TimeProvider.System);
        var pi = store.Add("pi").Host.Id;
        var before = store.Version();

        store.SetSilence(pi, DateTimeOffset.UtcNow.AddHours(1));

        Assert.Equal(before, store.Version());
    }
}
