using Lumen.Hub.Notifications.WebPush;

namespace Lumen.Hub.Specs.Notifications.WebPush;

public sealed class VapidSubjectSpecs
{
    [Theory]
    [InlineData("mailto:ops@home.example.org", "mailto:ops@home.example.org")]
    [InlineData("  https://lumen.example.org/contact ", "https://lumen.example.org/contact")]
    public void Check_should_accept_a_mailto_or_https_contact_trimmed(string text, string expected)
    {
        var (value, error) = VapidSubject.Check(text);

        Assert.Null(error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ops@example.org")]
    [InlineData("http://example.org")]
    [InlineData("mailto:")]
    [InlineData("mailto:no-at-sign")]
    [InlineData("mailto:a b@example.org")]
    public void Check_should_refuse_anything_else_saying_what_a_subject_is(string? text)
    {
        var (_, error) = VapidSubject.Check(text);

        Assert.NotNull(error);
        Assert.Contains("subject", error);
    }

    [Theory]
    [InlineData("mailto:admin@example.invalid", true)]
    [InlineData("mailto:me@localhost", true)]
    [InlineData("mailto:me@nas.local", true)]
    [InlineData("https://localhost:8443", true)]
    [InlineData("mailto:ops@gmail.com", false)]
    [InlineData("https://lumen.home.example.org", false)]
    public void IsPlaceholder_should_tell_domains_nobody_can_write_to(string subject, bool placeholder) =>
        Assert.Equal(placeholder, VapidSubject.IsPlaceholder(subject));
}
