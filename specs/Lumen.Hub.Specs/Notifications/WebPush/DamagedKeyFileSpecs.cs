using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Notifications.WebPush;

/// <summary>The real hub, started from its built dll, on a data folder whose vapid.json is damaged.</summary>
public sealed class DamagedKeyFileSpecs : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_hub_should_refuse_to_start_naming_the_key_file_and_leave_it_as_it_is()
    {
        var keyFile = Path.Combine(_database.Folder, "vapid.json");
        const string Damaged = """{"public_key":""";
        File.WriteAllText(keyFile, Damaged);
        var environment = new Dictionary<string, string>
        {
            ["LUMEN_HUB_DB_PATH"] = _database.FilePath,
            ["LUMEN_HUB_ADDR"] = $"127.0.0.1:{FreePort.BelowEphemeralRange()}",
        };

        using var hub = ChildProcess.Start("hub", BuiltBinaries.Hub, [], environment, _database.Folder);
        // Its output is read asynchronously and may trail the exit a little.
        await Eventually.TrueAsync(() => hub.HasExited && hub.Output.Contains("lumen-hub:", StringComparison.Ordinal),
            "the hub to exit with its one line", TimeSpan.FromSeconds(30), () => hub.Tail(), Eventually.ProcessPollEvery);

        Assert.Equal(2, hub.ExitCode);
        Assert.Contains($"lumen-hub: {keyFile} is not a usable VAPID key file: not valid JSON", hub.Output);
        Assert.DoesNotContain("Unhandled exception", hub.Output);
        Assert.Equal(Damaged, File.ReadAllText(keyFile));
    }
}
