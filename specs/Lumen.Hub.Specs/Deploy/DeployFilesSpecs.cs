using System.Text.RegularExpressions;
using Lumen.Hub.Cli;
using Lumen.Hub.Configuration;
using Lumen.Hub.Settings;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Deploy;

/// <summary>
/// The files in <c>deploy/</c> and <c>--help</c> against what the hub really reads, so the
/// documentation of a variable cannot go missing or drift from its default.
/// </summary>
public sealed partial class DeployFilesSpecs
{
    [GeneratedRegex(@"^#?(LUMEN_HUB_[A-Z_]+)=(.*)$", RegexOptions.Multiline)]
    private static partial Regex EnvLine();

    /// <summary>Every variable the options loader asks for.</summary>
    private static IReadOnlySet<string> VariablesTheHubReads()
    {
        var asked = new HashSet<string>();
        HubOptionsLoader.Load(name => { asked.Add(name); return null; }, folderIsWritable: _ => true);
        // The Go hub's variables the loader asks for only to warn that they are not read.
        asked.ExceptWith(HubVariables.GoOnly.Keys);
        return asked;
    }

    [Fact]
    public void Hub_env_example_should_list_every_variable_the_hub_reads()
    {
        var listed = EnvLine().Matches(RepositoryFiles.ReadText("deploy/hub.env")).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Empty(VariablesTheHubReads().Except(listed));
        Assert.Empty(listed.Except(VariablesTheHubReads()));
    }

    [Fact]
    public void Hub_env_example_should_give_values_the_hub_accepts_and_that_are_its_defaults()
    {
        var example = EnvLine().Matches(RepositoryFiles.ReadText("deploy/hub.env"))
            .Where(m => m.Groups[2].Value.Length > 0 && m.Groups[1].Value is not ("LUMEN_HUB_PUBLIC_URL" or "LUMEN_HUB_INSTALL_DIR"))
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        var defaults = HubOptionsLoader.Load(_ => null, folderIsWritable: _ => true);
        var fromExample = HubOptionsLoader.Load(example.GetValueOrDefault, folderIsWritable: _ => true);

        Assert.Equal(defaults.ListenUrl, fromExample.ListenUrl);
        Assert.Equal(defaults.DatabasePath, fromExample.DatabasePath);
        Assert.Equal(defaults.StreamInterval, fromExample.StreamInterval);
        Assert.Equal(defaults.Batcher, fromExample.Batcher);
        Assert.Equal(defaults.SettingDefaults.Values.OrderBy(v => v.Key), fromExample.SettingDefaults.Values.OrderBy(v => v.Key));
        Assert.Equal(defaults.SettingDefaults.Texts.OrderBy(v => v.Key), fromExample.SettingDefaults.Texts.OrderBy(v => v.Key));
        Assert.Equal(defaults.Quickstart, fromExample.Quickstart);
    }

    [Fact]
    public void Help_should_name_every_variable_the_hub_reads()
    {
        Assert.All(VariablesTheHubReads(), variable => Assert.Contains(variable, HelpText.Hub));
    }

    [Theory]
    [InlineData("deploy/lumen-hub.service")]
    [InlineData("deploy/lumen-agent.service")]
    public void Systemd_units_should_run_unprivileged_on_a_read_only_system_with_a_state_directory_of_their_own(string unit)
    {
        var text = RepositoryFiles.ReadText(unit);

        foreach (var line in new[] { "NoNewPrivileges=yes", "ProtectSystem=strict", "CapabilityBoundingSet=", "PrivateTmp=yes", "Restart=always" })
            Assert.Contains(line + "\n", text);
        Assert.Matches(@"(?m)^User=lumen(-agent)?$", text);
        Assert.Matches(@"(?m)^StateDirectory=lumen(-agent)?$", text);
        Assert.DoesNotMatch(@"(?m)^Documentation=(?!https?://|file:|man:)", text);
    }

    [Fact]
    public void Hub_and_agent_units_should_not_share_a_state_directory()
    {
        string State(string unit) => Regex.Match(RepositoryFiles.ReadText(unit), @"(?m)^StateDirectory=(\S+)$").Groups[1].Value;

        Assert.NotEqual(State("deploy/lumen-hub.service"), State("deploy/lumen-agent.service"));
    }
}
