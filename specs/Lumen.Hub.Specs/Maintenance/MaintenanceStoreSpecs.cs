using Lumen.Hub.Hosts.Matching;
using Lumen.Hub.Maintenance;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.Maintenance;

public sealed class MaintenanceStoreSpecs : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 2, 0, 0, 250, TimeSpan.Zero);

    private readonly TempDatabase _db = new();
    private readonly MaintenanceStore _store;

    public MaintenanceStoreSpecs() => _store = new MaintenanceStore(_db.Database);

    public void Dispose() => _db.Dispose();

    private static MaintenanceWindow Window(string reason = "patching", double hours = 2, Recurrence recurrence = Recurrence.Weekly) =>
        new(0, reason, Start, Start.AddHours(hours), recurrence, HostPattern.Parse("nas,web-*").Pattern!,
            new Dictionary<string, string> { ["env"] = "prod", ["role"] = "db" }, Start.AddDays(-1));

    [Fact]
    public void Add_should_store_a_window_that_find_and_load_read_back_whole()
    {
        var added = _store.Add(Window());

        Assert.True(added.Id > 0);
        var found = _store.Find(added.Id)!;
        Assert.Equal((added.Id, "patching", Start, Start.AddHours(2), Recurrence.Weekly, "nas,web-*", Start.AddDays(-1)),
            (found.Id, found.Reason, found.StartAt, found.EndAt, found.Recurrence, found.Host.Text, found.CreatedAt));
        Assert.Equal(new Dictionary<string, string> { ["env"] = "prod", ["role"] = "db" }, found.ScopeTags);
        Assert.Equal([added.Id], _store.LoadAll().Select(window => window.Id));
    }

    [Fact]
    public void Add_should_keep_times_as_unix_milliseconds_and_the_scope_as_a_json_object()
    {
        var added = _store.Add(Window());

        Assert.Equal(Start.ToUnixTimeMilliseconds(), _db.Scalar($"SELECT start_at FROM maintenance_windows WHERE id = {added.Id}"));
        Assert.Equal("""{"env":"prod","role":"db"}""", _db.String($"SELECT scope_tags FROM maintenance_windows WHERE id = {added.Id}"));
        Assert.Equal("weekly", _db.String($"SELECT recurrence FROM maintenance_windows WHERE id = {added.Id}"));
    }

    [Fact]
    public void Replace_should_change_every_field_but_when_the_window_was_created()
    {
        var added = _store.Add(Window());

        Assert.True(_store.Replace(Window("firmware", hours: 30, Recurrence.None) with { Id = added.Id, CreatedAt = Start }));

        var found = _store.Find(added.Id)!;
        Assert.Equal(("firmware", Start.AddHours(30), Recurrence.None, Start.AddDays(-1)), (found.Reason, found.EndAt, found.Recurrence, found.CreatedAt));
    }

    [Fact]
    public void Replace_and_delete_should_answer_false_for_an_unknown_id()
    {
        var added = _store.Add(Window());

        Assert.False(_store.Replace(Window() with { Id = added.Id + 1 }));
        Assert.False(_store.Delete(added.Id + 1));
        Assert.True(_store.Delete(added.Id));
        Assert.Null(_store.Find(added.Id));
        Assert.Empty(_store.LoadAll());
    }

    [Fact]
    public void LoadAll_should_list_windows_by_start()
    {
        var later = _store.Add(Window() with { StartAt = Start.AddDays(1), EndAt = Start.AddDays(1).AddHours(1) });
        var sooner = _store.Add(Window());

        Assert.Equal([sooner.Id, later.Id], _store.LoadAll().Select(window => window.Id));
    }
}
