using Lumen.Hub.Tags;

namespace Lumen.Hub.Specs.Tags;

public sealed class TagTextSpecs
{
    [Fact]
    public void Key_value_and_description_should_be_trimmed()
    {
        Assert.Equal(("env", null), TagText.Key("  env "));
        Assert.Equal(("prod", null), TagText.Value("env", " prod  "));
        Assert.Equal(("where it runs", null), TagText.Description(" where it runs "));
        Assert.Equal(("", null), TagText.Description(null));
    }

    [Theory]
    [InlineData(null, "key is required")]
    [InlineData("  ", "key is required")]
    [InlineData("bad key", "key: tag key 'bad key' may only hold")]
    [InlineData("k=v", "key: tag key 'k=v' may only hold")]
    public void Key_should_name_the_field_when_it_is_not_one_a_host_could_carry(string? key, string error)
    {
        Assert.StartsWith(error, TagText.Key(key).Error);
    }

    [Theory]
    [InlineData(null, "value must not be empty")]
    [InlineData(" ", "value must not be empty")]
    [InlineData("a,b", "value: tag 'env' value may not contain '=' or ','")]
    [InlineData("a=b", "value: tag 'env' value may not contain '=' or ','")]
    public void Value_should_name_the_field_when_it_is_empty_or_not_one_a_host_could_carry(string? value, string error)
    {
        Assert.Equal(error, TagText.Value("env", value).Error);
    }

    [Fact]
    public void Value_should_name_the_field_it_was_given()
    {
        Assert.Equal("values[3] must not be empty", TagText.Value("env", "", "values[3]").Error);
        Assert.StartsWith("value: tag 'env' value is longer than 128", TagText.Value("env", new string('v', 129)).Error);
    }

    [Fact]
    public void Description_should_be_at_most_256_characters()
    {
        Assert.Null(TagText.Description(new string('d', 256)).Error);
        Assert.Equal("description is longer than 256 characters", TagText.Description(new string('d', 257)).Error);
    }
}
