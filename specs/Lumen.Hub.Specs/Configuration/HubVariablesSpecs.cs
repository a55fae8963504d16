using System.Text.RegularExpressions;
using Lumen.Hub.Cli;
using Lumen.Hub.Configuration;

namespace Lumen.Hub.Specs.Configuration;

/// <summary>The Go hub's variables: each read here, or named in one warning at start that says what to do.</summary>
public sealed partial class HubVariablesSpecs
{
    private static HubOptions Load(params (string Key, string Value)[] environment)
    {
        var values = environment.ToDictionary(e => e.Key, e => e.Value);
        return HubOptionsLoader.Load(values.GetValueOrDefault, folderIsWritable: _ => true);
    }

    [Fact]
    public void Loader_should_name_the_Go_only_variables_in_one_warning_with_what_to_do()
    {
        var warning = Load(("LUMEN_HUB_DEV", "true"), ("LUMEN_HUB_ALERT_INTERVAL", "15s")).StartupWarning;

        Assert.NotNull(warning);
        Assert.Contains("LUMEN_HUB_DEV (", warning);
        Assert.Contains("LUMEN_HUB_ALERT_INTERVAL (this hub judges every frame as it arrives", warning);
        Assert.Equal(2, Regex.Matches(warning, "remove it").Count);
    }

    [Fact]
    public void Loader_should_warn_of_nothing_for_the_variables_this_hub_reads()
    {
        var options = Load(("LUMEN_HUB_BACKUP_PASSPHRASE", "a passphrase"), ("LUMEN_HUB_RETENTION_ALERTS_WINDOW", "48h"), ("LUMEN_HUB_SECRET", new string('f', 64)));

        Assert.Null(options.StartupWarning);
        // The Go hub's alert-history retention is this hub's too: read, not ignored.
        Assert.Equal(TimeSpan.FromHours(48), options.SettingDefaults.Values["retention_alerts_window"]);
    }

    [Fact]
    public void Known_should_be_every_variable_the_loader_asks_for_and_the_backups_passphrase()
    {
        var asked = new HashSet<string>();
        HubOptionsLoader.Load(name => { asked.Add(name); return null; }, folderIsWritable: _ => true);

        Assert.Equal(asked.Except(HubVariables.GoOnly.Keys).Append("LUMEN_HUB_BACKUP_PASSPHRASE").Order(), HubVariables.Known.Order());
    }

    [Fact]
    public void Help_should_list_exactly_the_variables_the_hub_reads_and_name_the_Go_only_ones()
    {
        var inHelp = LumenHubName().Matches(HelpText.Hub).Select(m => m.Value).ToHashSet();

        Assert.All(inHelp, name => Assert.True(HubVariables.IsKnown(name), $"{name} is in the help but not read"));
        // The backups document their passphrase with the backup commands.
        Assert.All(HubVariables.Known.Except(["LUMEN_HUB_BACKUP_PASSPHRASE"]), name => Assert.Contains(name, inHelp));
        Assert.All(HubVariables.GoOnly.Keys, name => Assert.Contains(name, inHelp));
    }

    [GeneratedRegex(@"LUMEN_HUB_[A-Z_]+[A-Z]")]
    private static partial Regex LumenHubName();
}
