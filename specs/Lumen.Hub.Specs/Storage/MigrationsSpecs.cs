using Lumen.Hub.Storage;
using Lumen.Hub.Tokens;

namespace Lumen.Hub.Specs.Storage;

/// <summary>Upgrading a database written by an earlier hub keeps everything in it.</summary>
public sealed class MigrationsSpecs : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "lumen-specs", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Apply_should_keep_hosts_and_their_tokens_when_a_version_1_database_is_upgraded()
    {
        Directory.CreateDirectory(_folder);
        var database = new LumenDatabase(Path.Combine(_folder, "lumen.db"));
        using (var connection = database.Open()) Migrations.Apply(connection, target: 1);
        var store = new HostStore(database, TimeProvider.System);
        var pi = store.Add("pi");
        var nas = store.Add("nas");

        database.Initialise();

        var tokens = new HostTokens();
        tokens.Replace(store.LoadTokens());
        Assert.True(tokens.TryResolve(pi.Token, out var piNow) && piNow.Id == pi.Host.Id);
        Assert.True(tokens.TryResolve(nas.Token, out var nasNow) && nasNow.Id == nas.Host.Id);
        using (var connection = database.Open()) Assert.Equal(Migrations.Latest, Migrations.CurrentVersion(connection));
    }

    [Fact]
    public void Apply_should_keep_counting_host_changes_when_a_version_1_database_is_upgraded()
    {
        Directory.CreateDirectory(_folder);
        var database = new LumenDatabase(Path.Combine(_folder, "lumen.db"));
        using (var connection = database.Open()) Migrations.Apply(connection, target: 1);
        var store = new HostStore(database, TimeProvider.System);
        store.Add("pi");
        database.Initialise();
        var before = store.Version();

        store.Add("nas");
        store.Rotate("nas");
        store.Remove("pi");

        Assert.Equal(before + 3, store.Version());
    }
}
