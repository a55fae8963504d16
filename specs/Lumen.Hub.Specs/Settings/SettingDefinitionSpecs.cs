using Lumen.Hub.Settings;

namespace Lumen.Hub.Specs.Settings;

public sealed class SettingDefinitionSpecs
{
    [Theory]
    [InlineData("retention_window", "4m", false)]
    [InlineData("retention_window", "5m", true)]
    [InlineData("retention_window", "8760h", true)]
    [InlineData("retention_window", "366d", false)]
    [InlineData("retention_window", "0", true)]
    [InlineData("retention_interval", "30s", false)]
    [InlineData("retention_interval", "0", true)]
    [InlineData("agent_interval", "1s", false)]
    [InlineData("agent_interval", "0", false)]
    [InlineData("agent_interval", "2s", true)]
    [InlineData("agent_interval", "1h", true)]
    [InlineData("downsample_bucket_size", "1m", true)]
    [InlineData("downsample_hot_window", "366d", false)]
    [InlineData("downsample_archive_window", "3650d", true)]
    [InlineData("downsample_archive_window", "12h", false)]
    public void Setting_should_accept_only_values_within_its_bounds(string key, string value, bool accepted)
    {
        var (_, error) = SettingDefinitions.Find(key)!.Read(value, key);

        Assert.Equal(accepted, error is null);
        if (!accepted) Assert.Contains(key, error);
    }

    [Fact]
    public void Setting_error_should_name_the_key_and_its_bounds()
    {
        var (_, error) = SettingDefinitions.RetentionWindow.Read("1m", "LUMEN_HUB_RETENTION_WINDOW");

        Assert.Equal("LUMEN_HUB_RETENTION_WINDOW: retention_window must be between 5m and 8760h (or 0 to switch it off) (got 1m)", error);
    }
}
