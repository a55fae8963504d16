using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Docs;

/// <summary>
/// Runs every request example of the API reference (docs/api.md, history.md, install.md)
/// against the real hub, so the documented statuses and answer shapes cannot drift from the
/// code. Each example gets a hub of its own, signed in, with one host <c>nas</c> added.
/// </summary>
public sealed class ApiExamplesSpecs
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var example in All()) data.Add(example.ToString());
        return data;
    }

    private static IEnumerable<ApiExample> All() =>
        ApiExample.Pages.SelectMany(page => ApiExample.Parse(page, RepositoryFiles.ReadText(page)));

    [Fact]
    public void The_reference_should_have_examples_on_every_page()
    {
        var perPage = All().GroupBy(example => example.File).ToDictionary(group => group.Key, group => group.Count());

        Assert.All(ApiExample.Pages, page => Assert.True(perPage.GetValueOrDefault(page) >= 3, $"{page} has {perPage.GetValueOrDefault(page)} examples"));
        Assert.True(perPage.Values.Sum() >= 30, $"only {perPage.Values.Sum()} examples found");
    }

    [Fact]
    public void Every_http_block_of_the_reference_should_be_a_checked_example()
    {
        foreach (var page in ApiExample.Pages)
        {
            var httpBlocks = RepositoryFiles.ReadText(page).Split('\n').Count(line => line.StartsWith("```http", StringComparison.Ordinal));
            Assert.Equal(httpBlocks, ApiExample.Parse(page, RepositoryFiles.ReadText(page)).Count());
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_should_get_the_documented_answer_from_the_hub(string name)
    {
        var example = All().Single(candidate => candidate.ToString() == name);
        await using var hub = new HubFactory();
        var signedIn = await hub.SignedInClientAsync();
        var host = await hub.AddHostAsync("nas");
        string Fill(string text) => text.Replace("{id}", host.Host.Id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{token}", host.Token, StringComparison.Ordinal);

        var client = example.SignedIn ? signedIn : hub.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(example.Method), Fill(example.Target));
        foreach (var (header, value) in example.Headers)
        {
            if (header.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) request.Headers.Authorization = AuthenticationHeaderValue.Parse(Fill(value));
            else request.Headers.TryAddWithoutValidation(header, Fill(value));
        }
        if (example.Body is { } body) request.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(example.Status == response.StatusCode, $"{example}: got {(int)response.StatusCode} {text}");
        if (example.ExpectedJson is { } expected)
        {
            using var documented = JsonDocument.Parse(expected);
            using var actual = JsonDocument.Parse(text);
            AssertHasKeys(documented.RootElement, actual.RootElement, "$", example);
        }
    }

    /// <summary>
    /// Every key the docs show is in the answer, recursively. Values are illustrations and not
    /// compared, except an <c>error</c> message written out in full (one with "…" is elided).
    /// </summary>
    private static void AssertHasKeys(JsonElement documented, JsonElement actual, string path, ApiExample example)
    {
        switch (documented.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.True(actual.ValueKind == JsonValueKind.Object, $"{example}: {path} is {actual.ValueKind}, the docs show an object");
                foreach (var property in documented.EnumerateObject())
                {
                    Assert.True(actual.TryGetProperty(property.Name, out var value), $"{example}: the answer has no {path}.{property.Name}: {actual}");
                    if (property.Name == "error" && property.Value.GetString() is { } message && !message.Contains('…', StringComparison.Ordinal))
                        Assert.True(message == value.GetString(), $"{example}: the docs say error \"{message}\", the hub \"{value.GetString()}\"");
                    AssertHasKeys(property.Value, value, $"{path}.{property.Name}", example);
                }
                break;
            case JsonValueKind.Array:
                Assert.True(actual.ValueKind == JsonValueKind.Array, $"{example}: {path} is {actual.ValueKind}, the docs show an array");
                if (documented.GetArrayLength() > 0 && actual.GetArrayLength() > 0) AssertHasKeys(documented[0], actual[0], $"{path}[0]", example);
                break;
        }
    }
}
