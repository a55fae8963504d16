using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;
using Lumen.Hub.Tags;

namespace Lumen.Hub.Specs.Tags;

public sealed class TagStoreSpecs : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly HostStore _hosts;
    private readonly TagStore _tags;

    public TagStoreSpecs()
    {
        _hosts = new HostStore(_db.Database, TimeProvider.System);
        _tags = new TagStore(_db.Database, TimeProvider.System);
    }

    public void Dispose() => _db.Dispose();

    private HostId Host(string name, params (string Key, string Value)[] tags)
    {
        var id = _hosts.Add(name).Host.Id;
        _tags.SetHostTags(id, tags.ToDictionary(tag => tag.Key, tag => tag.Value));
        return id;
    }

    private long Rule(string name, string selector)
    {
        _db.Execute($"INSERT INTO alert_rules (name, metric, host_selector, created_at, updated_at) VALUES ('{name}', 'cpu_pct', '{selector}', 1, 1)");
        return _db.Scalar("SELECT max(id) FROM alert_rules");
    }

    private IReadOnlyDictionary<string, string> TagsOf(HostId id) => _hosts.ListDetails().Single(host => host.Host.Id == id).Tags;

    [Fact]
    public void Add_should_list_the_tag_with_its_values_sorted_once_each()
    {
        var added = _tags.Add("env", "where it runs", ["prod", "home", "lab"]);

        Assert.Equal(("env", "where it runs", 0, 0), (added!.Key, added.Description, added.HostCount, added.RuleCount));
        Assert.Equal(["home", "lab", "prod"], added.Values);
        Assert.Equal(["env"], _tags.List().Select(tag => tag.Key));
        Assert.Null(_tags.Add("env", "again", []));
    }

    [Fact]
    public void List_should_count_the_hosts_carrying_a_key_and_the_rules_selecting_by_it()
    {
        Host("a", ("env", "prod"), ("role", "db"));
        Host("b", ("env", "home"));
        Rule("db disk", "env=prod,role=db");
        Rule("broken", "bad key=x,env=prod");

        var tags = _tags.List().ToDictionary(tag => tag.Key);

        Assert.Equal((2, 1), (tags["env"].HostCount, tags["env"].RuleCount));
        Assert.Equal((1, 1), (tags["role"].HostCount, tags["role"].RuleCount));
        Assert.Equal(["home", "prod"], tags["env"].Values);
    }

    [Fact]
    public void SetHostTags_should_list_every_pair_the_inventory_lacks_but_empty_values()
    {
        _tags.Add("env", "described", ["prod"]);

        Host("a", ("env", "lab"), ("gpu", ""));

        var tags = _tags.List().ToDictionary(tag => tag.Key);
        Assert.Equal(["lab", "prod"], tags["env"].Values);
        Assert.Equal("described", tags["env"].Description);
        Assert.Empty(tags["gpu"].Values);
    }

    [Fact]
    public void SetHostTags_should_answer_false_and_list_nothing_for_an_unknown_host()
    {
        Assert.False(_tags.SetHostTags(new HostId(404), new Dictionary<string, string> { ["env"] = "prod" }));
        Assert.Empty(_tags.List());
    }

    [Fact]
    public void Delete_should_remove_the_key_from_the_inventory_every_host_and_every_selector()
    {
        var a = Host("a", ("env", "prod"), ("role", "db"));
        var b = Host("b", ("env", "home"));
        var dbRule = Rule("db disk", "role=db,env=prod");
        var onlyEnv = Rule("prod cpu", "env=prod");
        var other = Rule("db only", "role=db");

        var impact = _tags.Delete("env");

        Assert.Equal(2, impact!.HostCount);
        Assert.Equal(["db disk", "prod cpu"], impact.RuleNames);
        Assert.Equal(new Dictionary<string, string> { ["role"] = "db" }, TagsOf(a));
        Assert.Empty(TagsOf(b));
        Assert.Equal("role=db", _db.String($"SELECT host_selector FROM alert_rules WHERE id = {dbRule}"));
        Assert.Equal("", _db.String($"SELECT host_selector FROM alert_rules WHERE id = {onlyEnv}"));
        Assert.Equal(1, _db.Scalar($"SELECT updated_at FROM alert_rules WHERE id = {other}"));
        Assert.True(_db.Scalar($"SELECT updated_at FROM alert_rules WHERE id = {dbRule}") > 1);
        Assert.Null(_tags.Find("env"));
        Assert.Equal(0, _db.Scalar("SELECT count(*) FROM tag_values WHERE tag_key = 'env'"));
    }

    [Fact]
    public void Delete_should_leave_values_behind_for_no_one_when_the_key_comes_back()
    {
        _tags.Add("env", "", ["prod", "home"]);
        _tags.Delete("env");

        var again = _tags.Add("env", "", []);

        Assert.Empty(again!.Values);
    }

    [Fact]
    public void DeleteValue_should_remove_only_the_exact_pair()
    {
        var prod = Host("a", ("env", "prod"), ("role", "db"));
        var home = Host("b", ("env", "home"));
        var prodRule = Rule("prod db", "env=prod,role=db");
        var homeRule = Rule("home", "env=home");

        var impact = _tags.DeleteValue("env", "prod");

        Assert.Equal((1, 1), (impact!.HostCount, impact.RuleCount));
        Assert.Equal(["prod db"], impact.RuleNames);
        Assert.Equal(new Dictionary<string, string> { ["role"] = "db" }, TagsOf(prod));
        Assert.Equal(new Dictionary<string, string> { ["env"] = "home" }, TagsOf(home));
        Assert.Equal("role=db", _db.String($"SELECT host_selector FROM alert_rules WHERE id = {prodRule}"));
        Assert.Equal("env=home", _db.String($"SELECT host_selector FROM alert_rules WHERE id = {homeRule}"));
        Assert.Equal(["home"], _tags.Find("env")!.Values);
    }

    [Fact]
    public void Impact_should_count_without_changing_anything_and_answer_null_for_what_is_not_listed()
    {
        Host("a", ("env", "prod"));
        Rule("prod cpu", "env=prod");

        var key = _tags.Impact("env")!;
        var pair = _tags.Impact("env", "prod")!;

        Assert.Equal((1, 1, "prod cpu"), (key.HostCount, key.RuleCount, key.RuleNames.Single()));
        Assert.Equal((1, 1, "prod cpu"), (pair.HostCount, pair.RuleCount, pair.RuleNames.Single()));
        Assert.Null(_tags.Impact("role"));
        Assert.Null(_tags.Impact("env", "staging"));
        Assert.Null(_tags.Delete("role"));
        Assert.Null(_tags.DeleteValue("env", "staging"));
        Assert.Equal("env=prod", _db.String("SELECT host_selector FROM alert_rules WHERE name = 'prod cpu'"));
    }

    [Fact]
    public void AddValue_should_say_whether_the_tag_exists_and_the_value_is_new()
    {
        _tags.Add("env", "", ["prod"]);

        Assert.Equal(AddValueOutcome.Added, _tags.AddValue("env", "lab"));
        Assert.Equal(AddValueOutcome.AlreadyListed, _tags.AddValue("env", "prod"));
        Assert.Equal(AddValueOutcome.NoSuchTag, _tags.AddValue("role", "db"));
        Assert.Equal(["lab", "prod"], _tags.Find("env")!.Values);
    }

    [Fact]
    public void HostTagCounts_should_count_each_pair_hosts_carry_by_key_then_value()
    {
        Host("a", ("env", "prod"), ("role", "db"));
        Host("b", ("env", "prod"));
        Host("c", ("env", "home"), ("gpu", ""));

        Assert.Equal(
            [new HostTagCount("env", "home", 1), new HostTagCount("env", "prod", 2), new HostTagCount("gpu", "", 1), new HostTagCount("role", "db", 1)],
            _tags.HostTagCounts());
    }

    [Fact]
    public void Deletes_should_not_count_as_a_host_change_the_token_directory_reloads_for()
    {
        Host("a", ("env", "prod"));
        var before = _hosts.Version();

        _tags.Delete("env");

        Assert.Equal(before, _hosts.Version());
    }
}
