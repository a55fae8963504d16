using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lumen.Specs.Support;
using static Lumen.Hub.Specs.Notifications.Senders.SenderSamples;

namespace Lumen.Hub.Specs.Notifications.Senders;

/// <summary>
/// Each channel type's page under docs/notifications/ says what its sender does: the example's
/// config passes the sender's check, the fields marked secret are the ones the API masks, and
/// every field marked required is one the check asks for.
/// </summary>
public sealed partial class ChannelPagesSpecs
{
    public static TheoryData<string> Types() => ["ntfy", "discord", "telegram", "slack", "email", "gotify", "pushover"];

    private static string Page(string type) => RepositoryFiles.ReadText($"docs/notifications/{type}.md");

    /// <summary>The body of the page's <c>curl … /api/alerts/channels -d '…'</c>.</summary>
    private static JsonObject Example(string type)
    {
        var match = CreateRequest().Match(Page(type));
        Assert.True(match.Success, $"docs/notifications/{type}.md has no curl example adding a channel");
        return Config(match.Groups["json"].Value);
    }

    /// <summary>The rows of the page's config table: field, required, secret.</summary>
    private static List<(string Field, bool Required, bool Secret)> Fields(string type) =>
    [
        .. ConfigRow().Matches(Page(type)).Select(row =>
            (row.Groups["field"].Value, row.Groups["required"].Value == "yes", row.Groups["secret"].Value == "yes")),
    ];

    [Theory]
    [MemberData(nameof(Types))]
    public void Sender_page_example_should_pass_the_senders_config_check(string type)
    {
        var example = Example(type);

        Assert.Equal(type, (string?)example["type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)example["name"]));
        Assert.Null(Sender(type).CheckConfig(example["config"]!.AsObject()));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Sender_page_should_mark_secret_exactly_the_fields_the_api_masks(string type)
    {
        var fields = Fields(type);

        Assert.NotEmpty(fields);
        Assert.Equal(Sender(type).SecretFields.Order(), fields.Where(f => f.Secret).Select(f => f.Field).Order());
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Sender_page_should_mark_required_the_fields_whose_absence_the_check_refuses(string type)
    {
        foreach (var (field, required, _) in Fields(type))
        {
            var config = Example(type)["config"]!.AsObject();
            if (!config.Remove(field)) continue;
            var error = Sender(type).CheckConfig(config);
            if (required) Assert.StartsWith($"config.{field}: ", error);
            else Assert.Null(error);
        }
    }

    [GeneratedRegex(@"/api/alerts/channels -d '(?<json>\{.*?\})'", RegexOptions.Singleline)]
    private static partial Regex CreateRequest();

    [GeneratedRegex(@"^\| `(?<field>[a-z_]+)` \| (?<required>yes)? ?\| (?<secret>yes)? ?\|", RegexOptions.Multiline)]
    private static partial Regex ConfigRow();
}
