using Akka.Configuration;
using Akka.Persistence.Sql.Hosting;
using LinqToDB;
using Lumen.Hub.Alerts.Engine;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Alerts.Journal;

/// <summary>
/// The alert journal's persistence plugins: an Akka.Persistence.Sql journal and snapshot
/// store (provider <c>SQLite.MS</c>) on a file of their own in the hub's data folder, beside
/// the metrics database and never inside it, and the binding of its records to
/// <see cref="AlertJournalSerializer"/>.
/// </summary>
public static class AlertJournalConfig
{
    public const string PluginName = "lumen-alerts";
    public const string JournalPluginId = "akka.persistence.journal." + PluginName;
    public const string SnapshotPluginId = "akka.persistence.snapshot-store." + PluginName;
    public const string FileName = "alerts-journal.db";

    public static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();

    public static Config ForActorSystem(string dataFolder)
    {
        var connection = ConnectionString(Path.Combine(dataFolder, FileName));
        var journal = new SqlJournalOptions(isDefaultPlugin: false, identifier: PluginName)
        {
            ConnectionString = connection, ProviderName = ProviderName.SQLiteMS, AutoInitialize = true,
        };
        var snapshots = new SqlSnapshotOptions(isDefaultPlugin: false, identifier: PluginName)
        {
            ConnectionString = connection, ProviderName = ProviderName.SQLiteMS, AutoInitialize = true,
        };
        return Serialization
            .WithFallback(journal.ToConfig())
            .WithFallback(snapshots.ToConfig())
            .WithFallback(journal.DefaultConfig)
            .WithFallback(snapshots.DefaultConfig);
    }

    private static readonly Config Serialization = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.lumen-alerts = "{{TypeName<AlertJournalSerializer>()}}"
          serialization-bindings {
            "{{TypeName<IAlertTransition>()}}" = lumen-alerts
            "{{TypeName<AlertLedgerSnapshot>()}}" = lumen-alerts
          }
        }
        """);

    private static string TypeName<T>() => $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";
}
