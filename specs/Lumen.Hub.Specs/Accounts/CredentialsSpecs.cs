using Lumen.Hub.Accounts;

namespace Lumen.Hub.Specs.Accounts;

public sealed class CredentialsSpecs
{
    [Theory]
    [InlineData("admin")]
    [InlineData("jane.doe@home-lab_1")]
    public void Username_should_be_accepted_when_made_of_letters_digits_and_a_few_marks(string name) =>
        Assert.Null(Credentials.ValidateUsername(name));

    [Theory]
    [InlineData("", "required")]
    [InlineData("two words", "only letters")]
    [InlineData("ünïcode", "only letters")]
    [InlineData("a/b", "only letters")]
    public void Username_should_be_refused_with_a_reason(string name, string reason) =>
        Assert.Contains(reason, Credentials.ValidateUsername(name));

    [Fact]
    public void Username_should_be_refused_when_longer_than_64() =>
        Assert.Contains("longer than 64", Credentials.ValidateUsername(new string('a', 65)));

    [Fact]
    public void Password_should_need_8_to_256_characters()
    {
        Assert.Contains("at least 8", Credentials.ValidatePassword("1234567"));
        Assert.Null(Credentials.ValidatePassword("12345678"));
        Assert.Contains("at most 256", Credentials.ValidatePassword(new string('x', 257)));
        Assert.Contains("new is required", Credentials.ValidatePassword(null, "new"));
    }
}
