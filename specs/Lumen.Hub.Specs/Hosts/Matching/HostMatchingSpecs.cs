using Lumen.Hub.Hosts.Matching;

namespace Lumen.Hub.Specs.Hosts.Matching;

public sealed class HostMatchingSpecs
{
    [Theory]
    [InlineData("web-*", "web-1", true)]
    [InlineData("web-*", "db-1", false)]
    [InlineData("web-?", "web-12", false)]
    [InlineData("web-[0-9]", "web-7", true)]
    [InlineData("web-[!0-9]", "web-7", false)]
    [InlineData("web-[^0-9]", "web-x", true)]
    [InlineData("*db*", "pg-db-main", true)]
    [InlineData("a\\*b", "a*b", true)]
    [InlineData("a\\*b", "axb", false)]
    [InlineData("[]]x", "]x", true)]
    [InlineData("Web-*", "web-1", false)]
    public void Glob_should_match_as_go_path_match_does(string pattern, string name, bool matches)
    {
        Assert.Null(Glob.Check(pattern));
        Assert.Equal(matches, Glob.Matches(pattern, name));
    }

    [Theory]
    [InlineData("web-[0-9", "has a '[' without its ']'")]
    [InlineData("web\\", "ends with a lone '\\'")]
    public void Glob_should_name_what_is_wrong_with_a_pattern_that_cannot_parse(string pattern, string error)
    {
        Assert.Equal(error, Glob.Check(pattern));
    }

    [Fact]
    public void Host_pattern_should_match_any_segment_exact_names_ignoring_case()
    {
        var (pattern, error) = HostPattern.Parse(" NAS , web-* ,");

        Assert.Null(error);
        Assert.Equal("NAS,web-*", pattern!.Text);
        Assert.True(pattern.Matches("nas"));
        Assert.True(pattern.Matches("web-2"));
        Assert.False(pattern.Matches("pi"));
    }

    [Fact]
    public void Host_pattern_should_name_every_host_when_empty_and_refuse_a_broken_glob()
    {
        Assert.True(HostPattern.Parse("  ").Pattern!.Matches("anything"));
        Assert.Equal("host pattern 'web-[' has a '[' without its ']'", HostPattern.Parse("nas,web-[").Error);
    }

    [Fact]
    public void Tag_selector_should_need_every_pair_exactly_and_keep_the_last_of_a_repeated_key()
    {
        var (selector, error) = TagSelector.Parse("role=web, env=prod, env=staging, rack");

        Assert.Null(error);
        Assert.Equal("env=staging,rack=,role=web", selector!.Text);
        Assert.True(selector.Matches(new Dictionary<string, string> { ["role"] = "web", ["env"] = "staging", ["rack"] = "", ["x"] = "y" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["role"] = "web", ["env"] = "Staging", ["rack"] = "" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["role"] = "web", ["env"] = "staging" }));
    }

    [Theory]
    [InlineData("role=web=x", "selector pair 'role=web=x' has more than one '='")]
    [InlineData("bad key=1", "selector pair 'bad key=1': tag key 'bad key' may only hold letters, digits, '.', '_' and '-'")]
    public void Tag_selector_should_name_the_pair_it_cannot_parse(string text, string error)
    {
        Assert.Equal(error, TagSelector.Parse(text).Error);
    }
}
