using Akka.Actor;
using Akka.Event;
using Akka.Hosting;

namespace Lumen.Hub.Hosts.Tokens;

/// <summary>
/// Keeps <see cref="HostTokens"/> equal to the hosts table. It loads the table at start and
/// then polls a change counter that triggers bump on every add, remove, rename or token
/// rotation, so a host changed from the command line in another process is seen within
/// <see cref="PollEvery"/>. Removed hosts are evicted from the live state at once.
/// </summary>
public sealed class TokenDirectoryActor : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HostStore _store;
    private readonly HostTokens _tokens;
    private readonly DurabilityLedger _ledger;
    private readonly IActorRef _hosts;
    private long _loadedVersion = -1;
    private bool _busy;

    // Callers of Reload waiting for a load that started after they asked.
    private readonly List<(long Generation, IActorRef ReplyTo)> _waiting = [];
    private long _generation;
    private long _loadingGeneration;

    public ITimerScheduler Timers { get; set; } = null!;

    public TokenDirectoryActor(HostStore store, HostTokens tokens, DurabilityLedger ledger, IActorRef hosts)
    {
        (_store, _tokens, _ledger, _hosts) = (store, tokens, ledger, hosts);

        Receive<Poll>(_ => HandlePoll());
        Receive<Refresh>(_ => { _loadedVersion = -1; HandlePoll(); });
        Receive<Reload>(_ =>
        {
            _loadedVersion = -1;
            _waiting.Add((++_generation, Sender));
            HandlePoll();
        });
        Receive<Loaded>(HandleLoaded);
        Receive<Unchanged>(_ => { LoadFinished(); });
        Receive<Status.Failure>(failure =>
        {
            LoadFinished();
            _log.Warning("Could not read the hosts table ({0}); agents keep the tokens loaded before, and a host added, rotated or removed since is not known until a read succeeds (tried again every half second). If this repeats, check the database file's permissions and disk", failure.Cause.Message);
        });
    }

    protected override void PreStart()
    {
        // The first load happens before the hub serves (see AddTokenDirectory); then poll.
        Timers.StartPeriodicTimer(Poll.Key, Poll.Instance, PollEvery);
    }

    private void HandlePoll()
    {
        if (_busy) return;
        _busy = true;
        _loadingGeneration = _generation;
        var known = _loadedVersion;
        Task.Run<object>(() =>
        {
            var version = _store.Version();
            return version == known ? Unchanged.Instance : new Loaded(version, _store.LoadTokens());
        }).PipeTo(Self);
    }

    private void HandleLoaded(Loaded loaded)
    {
        var before = _tokens.Hosts.Select(h => h.Id).ToHashSet();
        _tokens.Replace(loaded.Tokens);
        _loadedVersion = loaded.Version;
        var now = loaded.Tokens.Select(t => t.Value.Id).ToHashSet();
        foreach (var removed in before.Except(now))
        {
            _hosts.Tell(new HostCommands.EvictHost(removed));
            _ledger.Forget(removed);
        }
        _log.Debug("Host tokens reloaded: {0} hosts (version {1})", loaded.Tokens.Count, loaded.Version);
        Context.System.EventStream.Publish(new HostsTableChanged());
        LoadFinished();
    }

    /// <summary>Answers the callers whose change this load saw; loads again for any who asked during it.</summary>
    private void LoadFinished()
    {
        _busy = false;
        _waiting.RemoveAll(waiter =>
        {
            if (waiter.Generation > _loadingGeneration) return false;
            waiter.ReplyTo.Tell(Reloaded.Instance);
            return true;
        });
        if (_waiting.Count > 0)
        {
            _loadedVersion = -1;
            HandlePoll();
        }
    }

    private sealed record Poll
    {
        public const string Key = "hosts-version-poll";
        public static readonly Poll Instance = new();
    }

    /// <summary>Reload now (after a change made in this process).</summary>
    public sealed record Refresh
    {
        public static readonly Refresh Instance = new();
    }

    /// <summary>Reload now and answer <see cref="Reloaded"/> once tokens changed before this message are in force.</summary>
    public sealed record Reload
    {
        public static readonly Reload Instance = new();
    }

    /// <summary>The token map reflects the hosts table as of the <see cref="Reload"/> it answers.</summary>
    public sealed record Reloaded
    {
        public static readonly Reloaded Instance = new();
    }

    private sealed record Loaded(long Version, IReadOnlyList<KeyValuePair<TokenHash, HostIdentity>> Tokens);

    private sealed record Unchanged
    {
        public static readonly Unchanged Instance = new();
    }

    public static Props Props(HostStore store, HostTokens tokens, DurabilityLedger ledger, IActorRef hosts) =>
        Akka.Actor.Props.Create(() => new TokenDirectoryActor(store, tokens, ledger, hosts));
}

public static class TokenDirectoryActorWiring
{
    public static AkkaConfigurationBuilder AddTokenDirectory(this AkkaConfigurationBuilder builder, IServiceProvider services) =>
        builder.WithActors((system, registry) =>
        {
            var store = services.GetRequiredService<HostStore>();
            var tokens = services.GetRequiredService<HostTokens>();
            // Load synchronously once so the first ingest after start already finds its token.
            tokens.Replace(store.LoadTokens());
            registry.Register<TokenDirectoryActor>(system.ActorOf(TokenDirectoryActor.Props(
                store, tokens, services.GetRequiredService<DurabilityLedger>(), registry.Get<HostsActor>()), "token-directory"));
        });
}
