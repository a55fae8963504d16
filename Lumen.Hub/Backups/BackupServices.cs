using Lumen.Hub.Backups.Restore;
using Lumen.Hub.Backups.Settings;

namespace Lumen.Hub.Backups;

/// <summary>The backup feature's services, for HubApp (the scheduler actor is wired with <see cref="BackupSchedulerActorWiring"/>).</summary>
public static class BackupServices
{
    public static IServiceCollection AddBackups(this IServiceCollection services, BackupOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<BackupSettingsStore>();
        services.AddSingleton<BackupPassphrase>();
        services.AddSingleton<BackupRunner>();
        services.AddSingleton<BackupJob>();
        services.AddSingleton<PendingRestore>();
        return services;
    }
}
