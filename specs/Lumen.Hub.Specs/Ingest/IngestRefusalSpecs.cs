using System.Net;
using System.Net.Http.Headers;
using Lumen.Hub.Specs.Support;
using Lumen.Hub.Hosts;
using Lumen.Protocol.Ingest;

namespace Lumen.Hub.Specs.Ingest;

/// <summary>
/// Every way <c>POST /api/ingest</c> says no before a frame is accepted: 401 (checked before
/// the body is read), 413 (with and without Content-Length) and 400 naming the field. None of
/// these writes anything, so one hub serves the whole class.
/// </summary>
public sealed class IngestRefusalSpecs(IngestRefusalSpecs.Hub hub) : IClassFixture<IngestRefusalSpecs.Hub>
{
    private const int TwoMegabytes = 2 * 1024 * 1024;

    /// <summary>One hub with one host, shared by the specs of this class.</summary>
    public sealed class Hub : IAsyncLifetime
    {
        public HubFactory Factory { get; } = new();
        public IssuedToken Pi { get; private set; } = null!;

        public async Task InitializeAsync() => Pi = await Factory.AddHostAsync("pi");

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    private HttpClient Agent => hub.Factory.AgentClient(hub.Pi.Token);

    /// <summary>Without this the test client buffers an unsized body and sends a Content-Length.</summary>
    private static HttpRequestMessage Chunked(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        return request;
    }

    [Fact]
    public async Task Ingest_should_refuse_with_401_when_no_token_is_sent()
    {
        var response = await hub.Factory.AgentClient(null).PostAsync("/api/ingest", Frames.Content());

        await response.AssertApiErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("Basic cGk6c2VjcmV0")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("lum_0123456789abcdef")]
    public async Task Ingest_should_refuse_with_401_when_the_authorization_header_is_malformed(string header)
    {
        var client = hub.Factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = Frames.Content() };
        request.Headers.TryAddWithoutValidation("Authorization", header);

        var response = await client.SendAsync(request);

        await response.AssertApiErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Ingest_should_refuse_with_401_when_the_token_is_unknown()
    {
        var response = await hub.Factory.AgentClient("lum_" + new string('0', 64)).PostAsync("/api/ingest", Frames.Content());

        await response.AssertApiErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Ingest_should_refuse_with_401_not_413_when_an_unknown_token_sends_a_huge_body()
    {
        var response = await hub.Factory.AgentClient("lum_" + new string('0', 64)).PostAsync("/api/ingest", Frames.Sized(TwoMegabytes));

        await response.AssertApiErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Ingest_should_refuse_with_401_not_400_when_an_unknown_token_sends_malformed_json()
    {
        var response = await hub.Factory.AgentClient("lum_" + new string('0', 64)).PostAsync("/api/ingest", Frames.Content("{not json"));

        await response.AssertApiErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Ingest_should_refuse_with_413_when_the_content_length_is_over_one_mebibyte()
    {
        var response = await Agent.PostAsync("/api/ingest", Frames.Sized(IngestLimits.MaxBodyBytes + 1));

        var error = await response.AssertApiErrorAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains(IngestLimits.MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), error);
        Assert.Equal(IngestLimits.MaxBodyBytes + 1, hub.Factory.Requests.Seen.Last(r => r.Path == "/api/ingest").ContentLength);
    }

    [Fact]
    public async Task Ingest_should_refuse_with_413_when_a_chunked_body_grows_over_one_mebibyte()
    {
        var response = await Agent.SendAsync(Chunked(Frames.Unsized(TwoMegabytes)));

        await response.AssertApiErrorAsync(HttpStatusCode.RequestEntityTooLarge);
        var seen = hub.Factory.Requests.Seen.Last(r => r.Path == "/api/ingest");
        Assert.True(seen.Chunked && seen.ContentLength is null, $"the spec meant to send a chunked body, the hub saw {seen}");
    }

    [Fact]
    public async Task Ingest_should_read_a_chunked_body_when_it_stays_under_the_cap()
    {
        // The 413 above must come from the size, not from the chunking.
        var response = await Agent.SendAsync(Chunked(Frames.Content(Frames.Json(second: 1))));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"ts":"2026-01-02T15:04:05Z","cpu_pct":""")]
    [InlineData("""{"ts":"2026-01-02T15:04:05Z","cpu_pct":12,}""")]
    [InlineData("")]
    public async Task Ingest_should_refuse_with_400_when_the_body_is_not_json(string body)
    {
        var response = await Agent.PostAsync("/api/ingest", Frames.Content(body));

        var error = await response.AssertApiErrorAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not a valid ingest frame", error);
    }

    [Fact]
    public async Task Ingest_should_refuse_with_400_naming_the_field_when_a_field_is_unknown()
    {
        var response = await Agent.PostAsync("/api/ingest", Frames.Content(Frames.Json().Replace("\"cpu_pct\"", "\"gpu_magic\":1,\"cpu_pct\"")));

        var error = await response.AssertApiErrorAsync(HttpStatusCode.BadRequest);
        Assert.Contains("gpu_magic", error);
    }

    [Fact]
    public async Task Ingest_should_refuse_with_400_naming_the_field_when_a_value_has_the_wrong_type()
    {
        var response = await Agent.PostAsync("/api/ingest", Frames.Content(Frames.Json(cpuPct: "\"high\"")));

        var error = await response.AssertApiErrorAsync(HttpStatusCode.BadRequest);
        Assert.Contains("cpu_pct", error);
    }

    [Fact]
    public async Task Ingest_should_refuse_with_400_naming_the_field_when_a_value_is_out_of_range()
    {
        var response = await Agent.PostAsync("/api/ingest", Frames.Content(Frames.Json(cpuPct: "100.5")));

        var error = await response.AssertApiErrorAsync(HttpStatusCode.BadRequest);
        Assert.Contains("cpu_pct", error);
    }

    [Fact]
    public async Task Ingest_should_accept_a_frame_when_it_is_right_after_refusals()
    {
        // A guard for this class: the refusals above are refusals of the frame, not a broken hub.
        var response = await Agent.PostAsync("/api/ingest", Frames.Content());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
