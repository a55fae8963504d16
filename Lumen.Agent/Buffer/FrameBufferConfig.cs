using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Sql.Hosting;
using LinqToDB;
using Microsoft.Data.Sqlite;

namespace Lumen.Agent.Buffer;

/// <summary>
/// The buffer's persistence plugins: an Akka.Persistence.Sql journal and snapshot store on the
/// buffer's own SQLite file (provider <c>SQLite.MS</c>), and the event serializer binding. The
/// hosting wiring and the specs build the actor system from these same pieces.
/// </summary>
public static class FrameBufferConfig
{
    public const string PluginName = "lumen-buffer";
    public const string JournalPluginId = "akka.persistence.journal." + PluginName;
    public const string SnapshotPluginId = "akka.persistence.snapshot-store." + PluginName;

    /// <summary>
    /// No connection pool: a pooled connection would keep the old inode open after a damaged
    /// file is moved aside, and the buffer is written seldom enough that opening is free.
    /// </summary>
    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
    }.ToString();

    public static SqlJournalOptions Journal(BufferOptions options) => new(isDefaultPlugin: true, identifier: PluginName)
    {
        ConnectionString = ConnectionString(options.Path),
        ProviderName = ProviderName.SQLiteMS,
        AutoInitialize = true,
    };

    public static SqlSnapshotOptions SnapshotStore(BufferOptions options) => new(isDefaultPlugin: true, identifier: PluginName)
    {
        ConnectionString = ConnectionString(options.Path),
        ProviderName = ProviderName.SQLiteMS,
        AutoInitialize = true,
    };

    /// <summary>Binds <see cref="IFrameBufferEvent"/> to <see cref="BufferEventSerializer"/>.</summary>
    public static readonly Config Serialization = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.lumen-buffer = "{{TypeName<BufferEventSerializer>()}}"
          serialization-bindings."{{TypeName<IFrameBufferEvent>()}}" = lumen-buffer
        }
        """);

    private static string TypeName<T>() => $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";

    /// <summary>
    /// Gives a running actor system the journal and snapshot store, unless it has them. The
    /// buffer is started only when there is something to hold, and this only then, so an agent
    /// whose hub never fails never loads Akka.Persistence, linq2db nor SQLite (about 8 MiB of
    /// resident memory, docs/agent-footprint.md); built at start-up they were all loaded.
    /// </summary>
    public static void EnsurePlugins(ActorSystem system, BufferOptions options)
    {
        if (system.Settings.Config.HasPath(JournalPluginId)) return;
        system.Settings.InjectTopLevelFallback(Plugins(options));
    }

    /// <summary>
    /// How long the buffer may take to read its file back, snapshot included, before Akka calls
    /// the recovery failed and the supervisor sets the file aside. Akka's 30 s suits a database
    /// across a network; here the first start compiles Akka.Persistence.Sql and linq2db, which
    /// took 9 s on this 2-core machine and over 30 s when several agents started buffering at
    /// once; a small ARM board under load takes longer still.
    /// </summary>
    public static readonly TimeSpan RecoveryTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The journal and snapshot store on the buffer's file, with the plugin's defaults.</summary>
    public static Config Plugins(BufferOptions options)
    {
        var journal = Journal(options);
        var snapshots = SnapshotStore(options);
        return ConfigurationFactory.ParseString($"{JournalPluginId}.recovery-event-timeout = {RecoveryTimeout.TotalSeconds:F0}s")
            .WithFallback(journal.ToConfig())
            .WithFallback(snapshots.ToConfig())
            .WithFallback(journal.DefaultConfig)
            .WithFallback(snapshots.DefaultConfig);
    }

    /// <summary>Everything above as one config, for an actor system that has it from its start.</summary>
    public static Config ForActorSystem(BufferOptions options) => Serialization.WithFallback(Plugins(options));
}
