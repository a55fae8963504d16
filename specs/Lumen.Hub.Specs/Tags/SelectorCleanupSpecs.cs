using Lumen.Hub.Tags;

namespace Lumen.Hub.Specs.Tags;

public sealed class SelectorCleanupSpecs
{
    [Theory]
    [InlineData("role=db, env=prod", "env", null, "role=db")]
    [InlineData("env=prod", "env", null, "")]
    [InlineData("zone=b,env=prod,app=x", "env", "prod", "app=x,zone=b")]
    [InlineData("env", "env", null, "")]
    public void Without_should_drop_the_pair_and_write_the_rest_canonically(string selector, string key, string? value, string expected)
    {
        Assert.Equal(expected, SelectorCleanup.Without(selector, key, value));
    }

    [Theory]
    [InlineData("env=prod", "env", "staging")]
    [InlineData("env=prod", "role", null)]
    [InlineData("environment=prod", "env", null)]
    [InlineData("env=Prod", "env", "prod")]
    [InlineData("bad key=x,env=prod", "env", null)]
    public void Without_should_leave_a_selector_alone_when_it_does_not_use_the_pair_or_cannot_be_read(string selector, string key, string? value)
    {
        Assert.Null(SelectorCleanup.Without(selector, key, value));
    }
}
