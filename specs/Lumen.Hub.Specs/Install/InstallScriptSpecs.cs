using Lumen.Hub.Install;

namespace Lumen.Hub.Specs.Install;

/// <summary>The installer text: the address quoted as one shell word, the unit inlined only when it cannot break out.</summary>
public sealed class InstallScriptSpecs
{
    private const string Script = "#!/usr/bin/env bash\nHUB_URL=__LUMEN_HUB_URL__\ncat <<'LUMEN_UNIT_EOF'\n__LUMEN_AGENT_UNIT__\nLUMEN_UNIT_EOF\n";

    [Theory]
    [InlineData("https://hub.lan", "'https://hub.lan'")]
    [InlineData("it's", @"'it'\''s'")]
    [InlineData("$(reboot) `x`", "'$(reboot) `x`'")]
    public void ShellQuote_should_make_one_literal_shell_word(string text, string quoted)
    {
        Assert.Equal(quoted, InstallScript.ShellQuote(text));
    }

    [Fact]
    public void Render_should_fill_in_the_address_once_and_keep_the_rest_of_the_script()
    {
        var script = InstallScript.Render("http://hub.lan:8090");

        Assert.Contains("\nHUB_URL='http://hub.lan:8090'\n", script);
        Assert.DoesNotContain("__LUMEN_", script);
        Assert.EndsWith("main \"$@\"\n", script);
        Assert.DoesNotContain("\r", script);
    }

    [Fact]
    public void Compose_should_inline_the_unit_between_the_heredoc_markers()
    {
        var composed = InstallScript.Compose(Script, "[Unit]\r\nDescription=x\r\n");

        Assert.Contains("<<'LUMEN_UNIT_EOF'\n[Unit]\nDescription=x\nLUMEN_UNIT_EOF\n", composed);
    }

    [Theory]
    [InlineData("[Unit]\nLUMEN_UNIT_EOF\nrm -rf /\n")]
    [InlineData("[Unit]\nDescription=__LUMEN_HUB_URL__\n")]
    public void Compose_should_refuse_a_unit_that_could_end_the_heredoc_or_take_the_address(string unit)
    {
        Assert.Throws<InvalidOperationException>(() => InstallScript.Compose(Script, unit));
    }

    [Fact]
    public void Compose_should_refuse_a_script_without_exactly_one_of_each_placeholder()
    {
        Assert.Throws<InvalidOperationException>(() => InstallScript.Compose(Script.Replace("__LUMEN_HUB_URL__", "x"), "[Unit]\n"));
        Assert.Throws<InvalidOperationException>(() => InstallScript.Compose(Script + "__LUMEN_AGENT_UNIT__\n", "[Unit]\n"));
    }
}
