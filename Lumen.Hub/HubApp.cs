using Akka.Hosting;
using Lumen.Agent.Runtime;
using Lumen.Hub.Accounts;
using Lumen.Hub.Alerts;
using Lumen.Hub.Alerts.Events;
using Lumen.Hub.Alerts.Journal;
using Lumen.Hub.Alerts.Rules;
using Lumen.Hub.Backups;
using Lumen.Hub.Backups.Api;
using Lumen.Hub.Configuration;
using Lumen.Hub.Dashboard;
using Lumen.Hub.History;
using Lumen.Hub.History.Export;
using Lumen.Hub.History.Items;
using Lumen.Hub.GoImport;
using Lumen.Hub.Hosts;
using Lumen.Hub.Hosts.Tokens;
using Lumen.Hub.Http;
using Lumen.Hub.Ingest;
using Lumen.Hub.Install;
using Lumen.Hub.LiveFeed;
using Lumen.Hub.LocalAgent;
using Lumen.Hub.Maintenance;
using Lumen.Hub.Notifications;
using Lumen.Hub.Notifications.WebPush;
using Lumen.Hub.Retention;
using Lumen.Hub.Settings;
using Lumen.Hub.Storage;
using Lumen.Hub.Tags;

namespace Lumen.Hub;

/// <summary>
/// Builds the hub: options from the environment, the SQLite file migrated, the actor tree
/// (hosts, live feed, token directory, snapshot batcher, retention) and the HTTP endpoints.
/// </summary>
public static class HubApp
{
    public static WebApplication Build(string[] args)
    {
        // No reload on change: it watches the content root and every folder under it, and under
        // systemd (no WorkingDirectory) that is "/": 61,551 inotify watches measured, for
        // appsettings files the hub does not use. Its settings are LUMEN_HUB_* variables.
        var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
        var options = HubOptionsLoader.Load(key => builder.Configuration[key]);

        builder.WebHost.UseUrls(options.ListenUrl);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Bodies are capped per endpoint; this is the backstop for everything else.
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.Batcher.DrainTimeout + TimeSpan.FromSeconds(10));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Off entirely: while enabled at any level, hosting builds a logging scope and an
        // Activity for every request, a measurable share of an ingest's CPU.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
        });

        AddServices(builder.Services, options);
        builder.Services.AddBackups(BackupOptions.Load(options.DatabasePath, key => builder.Configuration[key])
            with { HubSecret = SessionSecret.Load(options.Accounts.Secret, options.DataFolder), ImportGoDatabase = GoDatabaseImporter.ImportForRestore });

        var app = builder.Build();
        AdminSeed.RunAsync(app.Services).GetAwaiter().GetResult();
        if (options.Quickstart.Enabled) QuickstartAdmin.RunAsync(app.Services, Console.Out).GetAwaiter().GetResult();
        app.UseJsonApiErrors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseWebSockets();
        // Only for requests no endpoint claims: the embedded dashboard and its client routes.
        app.UseDashboard();
        app.MapHealthApi();
        app.MapIngestApi();
        app.MapInstallApi();
        // Every browser endpoint goes on this group: a session is required unless a route says otherwise.
        var api = app.MapGroup("/api").RequireAuthorization();
        app.MapAccountsApi(api);
        api.MapHostsApi();
        api.MapSettingsApi();
        api.MapVersionApi();
        api.MapHistoryApi();
        api.MapHistoryExport();
        api.MapItemHistoryApi();
        api.MapLiveStreamApi();
        api.MapAlertRulesApi();
        api.MapAlertEventsApi();
        api.MapMaintenanceApi();
        api.MapTagsApi();
        api.MapNotificationsApi();
        api.MapWebPushApi();
        api.MapBackupApi();
        return app;
    }

    private static void AddServices(IServiceCollection services, HubOptions options)
    {
        var database = new LumenDatabase(options.DatabasePath);
        database.Initialise();

        services.AddSingleton(options);
        services.AddSingleton(options.Batcher);
        services.AddSingleton(options.SettingDefaults);
        services.AddSingleton(options.Install);
        services.AddSingleton(options.Accounts);
        services.AddSingleton(new ProxyTrust(options.TrustProxy));
        services.AddSingleton<AgentBinaries>();
        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<HostStore>();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<RetentionStore>();
        services.AddSingleton<HistoryStore>();
        services.AddSingleton<ItemHistoryStore>();
        services.AddSingleton(new MinuteRollupStore(database, MinuteRollupStore.LagFor(options.Batcher.FlushEvery)));
        services.AddSingleton<BucketRollupStore>();
        services.AddSingleton<SnapshotWriter>();
        services.AddSingleton<HostTokens>();
        services.AddSingleton<UnknownTokenCache>();
        services.AddSingleton<AgentAuthenticator>();
        services.AddSingleton<DurabilityLedger>();
        services.AddSingleton(provider => new UnflushedTracking(provider.GetRequiredService<DurabilityLedger>(), UnflushedFrames.CapacityFor(options.Batcher.FlushEvery)));
        services.AddSingleton(new SnapshotQueue(options.Batcher.QueueCapacity, options.Batcher.OfferWait));
        services.AddSingleton<BatchPersister>();
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<HostPresenceReader>();
        services.AddSingleton<HostViews>();
        services.AddSingleton<AlertRuleStore>();
        services.AddSingleton<AlertEventStore>();
        services.AddSingleton<AlertPolicySource>();
        services.AddSingleton<HostWatchFactory>(provider =>
        {
            var registry = provider.GetRequiredService<ActorRegistry>();
            var clock = provider.GetRequiredService<TimeProvider>();
            return (host, name) => new AlertWatch(host, name, clock.GetUtcNow(), registry.Get<AlertJournalActor>());
        });
        services.AddNotificationServices();
        services.AddSingleton<MaintenanceStore>();
        services.AddSingleton<TagStore>();
        services.AddWebPush(options.DataFolder);
        if (options.Quickstart.LocalAgent)
        {
            services.AddSingleton(provider => new LocalAgentIdentity(provider.GetRequiredService<HostStore>(), options.DataFolder));
            services.AddSingleton(new LocalAgentOptions(options.ListenUrl, options.DataFolder));
            services.AddHostedService<LocalAgentService>();
        }
        services.AddSingleton(new PasswordHasher());
        services.AddSingleton(provider => new SessionTokens(
            SessionSecret.Load(options.Accounts.Secret, options.DataFolder), provider.GetRequiredService<TimeProvider>()));
        services.AddLumenSessions();
        services.AddSignInThrottle();

        services.AddAkka("lumen-hub", (akka, provider) =>
        {
            // The agent's logger (the hub embeds the agent anyway): Akka's lines through this host's logger, once.
            akka.AddHostLogging()
                .AddHocon($"akka.coordinated-shutdown.phases.service-requests-done.timeout = {(int)options.Batcher.DrainTimeout.TotalSeconds}s", HoconAddMode.Prepend)
                .AddHostsActor(provider)
                .AddAlertJournal(provider, options.DataFolder)
                .AddAlertPolicy(provider)
                .AddNotifications(provider)
                .AddLiveFeed(options.StreamInterval)
                .AddTokenDirectory(provider)
                .AddSnapshotBatcher(provider)
                .AddRetentionActor(provider)
                .AddHistoryRollup(provider)
                .AddBackupScheduler(provider);
        });
    }
}
