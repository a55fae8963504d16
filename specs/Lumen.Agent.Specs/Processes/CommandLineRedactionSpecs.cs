using Lumen.Agent.Collectors.Processes;

namespace Lumen.Agent.Specs.Processes;

/// <summary>What leaves the machine of a command line: the built-in rules, and the hub's pattern on top.</summary>
public sealed class CommandLineRedactionSpecs
{
    [Theory]
    [InlineData("/usr/sbin/mysqld --user=mysql --password=hunter2", "/usr/sbin/mysqld --user=mysql --password=***")]
    [InlineData("worker token=abc123 --verbose", "worker token=*** --verbose")]
    [InlineData("app --client-secret=s3cr3t --port=80", "app --client-secret=*** --port=80")]
    [InlineData("env AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI python3 sync.py", "env AWS_SECRET_ACCESS_KEY=*** python3 sync.py")]
    [InlineData("openvpn --key /etc/openvpn/client.key --verb 3", "openvpn --key *** --verb 3")]
    [InlineData("pg_dump --password hunter2 --port 5432", "pg_dump --password *** --port 5432")]
    [InlineData("gh --token ghp_abcdef", "gh --token ***")]
    [InlineData("app -api-key XYZ", "app -api-key ***")]
    [InlineData("app --apikey=XYZ --ssh_key /k --x-credentials=c", "app --apikey=*** --ssh_key *** --x-credentials=***")]
    [InlineData("app --Password=Hunter2", "app --Password=***")]
    [InlineData("curl https://api.lan/v1?user=alice&token=abc&page=2", "curl https://api.lan/v1?user=alice&token=***&page=2")]
    [InlineData("java -Dapp.db.password=hunter2 -jar app.jar", "java -Dapp.db.password=*** -jar app.jar")]
    [InlineData("psql postgres://app:hunter2@db.lan:5432/app", "psql postgres://app:***@db.lan:5432/app")]
    [InlineData("nginx: worker process", "nginx: worker process")]
    [InlineData("/usr/bin/python3 -m http.server 8000", "/usr/bin/python3 -m http.server 8000")]
    [InlineData("--password", "--password")]
    public void Redaction_should_hide_secrets_by_default_and_leave_the_rest(string commandLine, string expected)
    {
        Assert.Equal(expected, new CommandLineRedaction().Redact(commandLine));
    }

    [Fact]
    public void Redaction_should_replace_every_match_of_the_hubs_pattern_after_the_built_in_rules()
    {
        var (pattern, error) = CommandLineRedaction.TryBuild("AKIA[0-9A-Z]{16}");
        Assert.Null(error);

        var redacted = new CommandLineRedaction(pattern).Redact("aws s3 cp --profile AKIAIOSFODNN7EXAMPLE x --password=p AKIAIOSFODNN7EXAMPL2");

        Assert.Equal("aws s3 cp --profile *** x --password=*** ***", redacted);
    }

    [Theory]
    [InlineData("(?<=x)y")]
    [InlineData("(a)\\1")]
    [InlineData("(unclosed")]
    public void Redaction_should_refuse_a_pattern_it_cannot_run_in_linear_time_saying_why(string pattern)
    {
        var (built, error) = CommandLineRedaction.TryBuild(pattern);

        Assert.Null(built);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Redaction_should_send_no_command_line_at_all_when_told_to_hide_all()
    {
        Assert.Equal("", CommandLineRedaction.HideAll.Redact("app --user=bob"));
    }
}
