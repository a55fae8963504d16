using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lumen.Faults.Specs.Fuzzing;
using Lumen.Faults.Specs.Support;
using Lumen.Specs.Support;
using Xunit.Abstractions;

namespace Lumen.Faults.Specs.Scenarios;

/// <summary>
/// Issue 7, item 6, against the real hub binary logging at its most verbose: a host's token
/// writes only as that host; rotated and deleted tokens die before the API answers; forged
/// sessions are refused; the live stream refuses cookie-less and cross-origin upgrades; a
/// thousand wrong passwords are throttled; and no secret ever reaches the log.
/// </summary>
public sealed class AccessSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly Dictionary<string, string> Verbose = new()
    {
        ["Logging__LogLevel__Default"] = "Trace",
        ["Logging__LogLevel__Microsoft"] = "Trace",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
        ["Logging__LogLevel__Lumen"] = "Trace",
    };

    private readonly FaultRig _rig = new(output, "access");
    private readonly ScenarioReport _report = new(output, "6. Access");
    private readonly List<string> _secrets = [];

    private async Task<ChildProcess> StartHubAsync()
    {
        var hub = await _rig.StartHubAsync(new HubSettings(Extra: Verbose));
        _secrets.AddRange([_rig.AdminPassword, _rig.Secret]);
        return hub;
    }

    [Fact]
    public async Task Host_token_should_write_only_as_its_own_host_whatever_the_frame_says()
    {
        var (a, b) = (_rig.AddHosts("host-a", 1)[0], _rig.AddHosts("host-b", 1)[0]);
        _secrets.AddRange([a.Token, b.Token]);
        await StartHubAsync();

        var asB = await IngestAsync(a.Token, b.Name);
        var altered = await IngestAsync(a.Token[..^1] + (a.Token[^1] == 'A' ? 'B' : 'A'), a.Name);
        var noPrefix = await IngestAsync(a.Token["lum_".Length..], a.Name);
        var lowercase = await IngestAsync(a.Token.ToLowerInvariant() == a.Token ? a.Token.ToUpperInvariant() : a.Token.ToLowerInvariant(), a.Name);
        await Eventually.TrueAsync(() => _rig.Rows().CountFor(a.Id) >= 1, "host A's row", TimeSpan.FromSeconds(10), pollEvery: Eventually.ProcessPollEvery);
        var rows = _rig.Rows();

        _report.Line($"host A's token with \"host\": \"{b.Name}\" → {(int)asB}; stored under A: {rows.CountFor(a.Id)}, under B: {rows.CountFor(b.Id)}");
        _report.Line($"A's token with its last character changed → {(int)altered}; without lum_ → {(int)noPrefix}; in another case → {(int)lowercase}");
        Assert.Equal(HttpStatusCode.NoContent, asB);
        Assert.Equal((1, 0), (rows.CountFor(a.Id), rows.CountFor(b.Id)));
        Assert.All([altered, noPrefix, lowercase], s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        AssertNoSecretLogged();
    }

    [Fact]
    public async Task Rotated_or_deleted_token_should_be_refused_by_the_very_next_request()
    {
        await StartHubAsync();
        using var api = await _rig.SignInAsync();
        var (status, body) = await api.SendAsync(HttpMethod.Post, "/api/hosts", """{"name":"rotating"}""");
        Assert.Equal(HttpStatusCode.Created, status);
        var created = JsonNode.Parse(body)!;
        var id = created["host"]!["id"]!.GetValue<long>();
        var token = created["token"]!.GetValue<string>();
        _secrets.Add(token);
        Assert.Equal(HttpStatusCode.NoContent, await IngestAsync(token, "rotating"));

        const int rotations = 20;
        var oldAccepted = 0;
        var newRefused = 0;
        for (var i = 0; i < rotations; i++)
        {
            var rotated = JsonNode.Parse((await api.SendAsync(HttpMethod.Post, $"/api/hosts/{id}/rotate")).Body)!["token"]!.GetValue<string>();
            _secrets.Add(rotated);
            if (await IngestAsync(token, "rotating") != HttpStatusCode.Unauthorized) oldAccepted++;
            if (await IngestAsync(rotated, "rotating") != HttpStatusCode.NoContent) newRefused++;
            token = rotated;
        }
        var deleted = (await api.SendAsync(HttpMethod.Delete, $"/api/hosts/{id}")).Status;
        var afterDelete = await IngestAsync(token, "rotating");
        var policyAfterDelete = await PolicyAsync(token);

        _report.Line($"{rotations} rotations: the old token accepted right after {oldAccepted} of them, the new one refused after {newRefused}");
        _report.Line($"delete → {(int)deleted}; the deleted host's token right after: ingest {(int)afterDelete}, policy {(int)policyAfterDelete}");
        Assert.Equal((0, 0), (oldAccepted, newRefused));
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (afterDelete, policyAfterDelete));
        AssertNoSecretLogged();
    }

    [Fact]
    public async Task Forged_sessions_should_be_refused_tampered_expired_unsigned_or_signed_any_other_way()
    {
        await StartHubAsync();
        using var api = await _rig.SignInAsync();
        var genuine = api.SessionToken!;
        _secrets.Add(genuine);
        var claims = Jwt.Payload(genuine);
        JsonObject With(Action<JsonObject> change)
        {
            var copy = claims.DeepClone().AsObject();
            change(copy);
            return copy;
        }
        var parts = genuine.Split('.');
        using var rsa = RSA.Create(2048);
        var forgeries = new (string What, string Token)[]
        {
            ("re-signed with the hub's own secret (control: must be accepted)", Jwt.Encode(Jwt.Header("HS256"), claims, Jwt.Hs256(_rig.Secret))),
            ("payload altered, signature kept", $"{parts[0]}.{Jwt.Base64Url(Encoding.UTF8.GetBytes(With(c => c["name"] = "someone-else").ToJsonString()))}.{parts[2]}"),
            ("signature altered", $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}"),
            ("expired an hour ago", Jwt.Encode(Jwt.Header("HS256"), With(c => { c["exp"] = Jwt.Now(TimeSpan.FromHours(-1)); c["nbf"] = Jwt.Now(TimeSpan.FromHours(-2)); c["iat"] = Jwt.Now(TimeSpan.FromHours(-2)); }), Jwt.Hs256(_rig.Secret))),
            ("no expiry", Jwt.Encode(Jwt.Header("HS256"), With(c => c.Remove("exp")), Jwt.Hs256(_rig.Secret))),
            ("not valid before tomorrow", Jwt.Encode(Jwt.Header("HS256"), With(c => c["nbf"] = Jwt.Now(TimeSpan.FromDays(1))), Jwt.Hs256(_rig.Secret))),
            ("alg none, no signature", Jwt.Encode(Jwt.Header("none"), claims, _ => null)),
            ("alg None, no signature", Jwt.Encode(Jwt.Header("None"), claims, _ => null)),
            ("RS256 with an attacker's key", Jwt.Encode(Jwt.Header("RS256"), claims, data => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))),
            ("HS512 with the hub's own secret", Jwt.Encode(Jwt.Header("HS512"), claims, Jwt.Hs512(_rig.Secret))),
            ("HS256 with another secret", Jwt.Encode(Jwt.Header("HS256"), claims, Jwt.Hs256("an-attacker-guess-at-the-secret-000000"))),
            ("another issuer", Jwt.Encode(Jwt.Header("HS256"), With(c => c["iss"] = "evil"), Jwt.Hs256(_rig.Secret))),
            ("another audience", Jwt.Encode(Jwt.Header("HS256"), With(c => c["aud"] = "evil"), Jwt.Hs256(_rig.Secret))),
            ("a user that does not exist", Jwt.Encode(Jwt.Header("HS256"), With(c => c["sub"] = "999"), Jwt.Hs256(_rig.Secret))),
            ("an old session epoch", Jwt.Encode(Jwt.Header("HS256"), With(c => c["sep"] = -1), Jwt.Hs256(_rig.Secret))),
        };
        _secrets.AddRange(forgeries.Select(f => f.Token));

        var answers = new List<(string What, HttpStatusCode Status)>();
        foreach (var (what, token) in forgeries) answers.Add((what, await MeAsync(cookie: token)));
        var inHeader = await MeAsync(bearer: genuine);

        foreach (var (what, status) in answers) _report.Line($"session {what} → {(int)status}");
        _report.Line($"the genuine session sent as Authorization: Bearer instead of the cookie → {(int)inHeader}");
        Assert.Equal(HttpStatusCode.OK, answers[0].Status);
        Assert.All(answers.Skip(1), a => Assert.True(a.Status == HttpStatusCode.Unauthorized, $"{a.What} → {(int)a.Status}"));
        Assert.Equal(HttpStatusCode.Unauthorized, inHeader);
        AssertNoSecretLogged();
    }

    [Fact]
    public async Task Live_stream_should_refuse_upgrades_without_a_session_or_from_another_origin()
    {
        await StartHubAsync();
        using var api = await _rig.SignInAsync();
        _secrets.Add(api.SessionToken!);
        var origin = _rig.BaseAddress.GetLeftPart(UriPartial.Authority);

        var sameOrigin = await UpgradeAsync(api.SessionToken, origin);
        var noCookie = await UpgradeAsync(null, origin);
        var crossOrigin = await UpgradeAsync(api.SessionToken, "http://evil.example");
        var nullOrigin = await UpgradeAsync(api.SessionToken, "null");
        var noOrigin = await UpgradeAsync(api.SessionToken, null);

        _report.Line($"/api/stream upgrade with the session from the hub's own origin → {sameOrigin}; without a cookie → {noCookie}; from http://evil.example → {crossOrigin}; from Origin: null → {nullOrigin}; without an Origin → {noOrigin}");
        Assert.Equal("101", sameOrigin);
        Assert.Equal("401", noCookie);
        Assert.Equal("403", crossOrigin);
        Assert.Equal("403", nullOrigin);
        Assert.Equal("403", noOrigin);
        AssertNoSecretLogged();
    }

    [Fact]
    public async Task Thousand_wrong_passwords_from_one_client_should_be_throttled()
    {
        await StartHubAsync();
        const int attempts = 1000;
        using var client = new HttpClient { BaseAddress = _rig.BaseAddress };
        var statuses = new List<(int Status, bool RetryAfter)>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, attempts), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var password = $"wrong-password-{i:D4}";
            lock (_secrets) _secrets.Add(password);
            using var response = await client.PostAsync("/api/login", new StringContent(
                $$"""{"username":"{{(i % 2 == 0 ? FaultRig.AdminUsername : $"guess-{i}")}}","password":"{{password}}"}""", Encoding.UTF8, "application/json"));
            lock (statuses) statuses.Add(((int)response.StatusCode, response.Headers.RetryAfter is not null));
        });
        var elapsed = clock.Elapsed;
        var (refused, hashed) = (statuses.Count(s => s.Status == 429), statuses.Count(s => s.Status == 401));

        // The throttle allows 10 at once and one more per 6 s from one address.
        var allowed = 10 + (int)Math.Ceiling(elapsed.TotalSeconds / 6) + 1;
        _report.Line($"{attempts} wrong sign-ins from 127.0.0.1 in {elapsed.TotalSeconds:F1} s (8 at once, half for the admin's name): {hashed} × 401 (checked), {refused} × 429 ({statuses.Count(s => s.Status == 429 && s.RetryAfter)} with Retry-After), other: {string.Join(", ", statuses.Where(s => s.Status is not (401 or 429)).GroupBy(s => s.Status).Select(g => $"{g.Key}×{g.Count()}").DefaultIfEmpty("none"))}");
        var (lockedOutFor, adminStatus) = await AdminSignInFromElsewhereAsync(TimeSpan.FromSeconds(40));
        _report.Line($"the admin's own password from another address afterwards: {adminStatus} after {lockedOutFor.TotalSeconds:F1} s (the name's bucket refills one try per 12 s)");

        Assert.Equal(attempts, hashed + refused);
        Assert.Equal(200, adminStatus);
        Assert.True(hashed <= allowed, $"{hashed} passwords were checked in {elapsed.TotalSeconds:F1} s; the throttle allows {allowed}");
        Assert.All(statuses.Where(s => s.Status == 429), s => Assert.True(s.RetryAfter));
        AssertNoSecretLogged();
    }

    /// <summary>Signs in as the admin from 127.0.0.2 until it works or <paramref name="limit"/> passes.</summary>
    private async Task<(TimeSpan Waited, int Status)> AdminSignInFromElsewhereAsync(TimeSpan limit)
    {
        var local = new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0);
        using var client = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                socket.Bind(local);
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        }) { BaseAddress = _rig.BaseAddress };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.PostAsync("/api/login", new StringContent(
                $$"""{"username":"{{FaultRig.AdminUsername}}","password":"{{_rig.AdminPassword}}"}""", Encoding.UTF8, "application/json"));
            if (response.StatusCode != HttpStatusCode.TooManyRequests || clock.Elapsed > limit) return (clock.Elapsed, (int)response.StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    private async Task<HttpStatusCode> IngestAsync(string token, string hostField)
    {
        using var client = new HttpClient { BaseAddress = _rig.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var frame = FuzzTargets.ValidFrame();
        frame["host"] = hostField;
        frame["ts"] = DateTimeOffset.UtcNow.AddMilliseconds(Random.Shared.Next(1000)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        using var response = await client.PostAsync("/api/ingest", new StringContent(frame.ToJsonString(), Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> PolicyAsync(string token)
    {
        using var client = new HttpClient { BaseAddress = _rig.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync("/api/agent/policy");
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> MeAsync(string? cookie = null, string? bearer = null)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = _rig.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        if (cookie is not null) request.Headers.Add("Cookie", $"lumen_session={cookie}");
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The status of a WebSocket upgrade to <c>/api/stream</c>: "101" when it opened.</summary>
    private async Task<string> UpgradeAsync(string? session, string? origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null) socket.Options.SetRequestHeader("Origin", origin);
        if (session is not null) socket.Options.SetRequestHeader("Cookie", $"lumen_session={session}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_rig.Port}/api/stream"), timeout.Token);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            return "101";
        }
        catch (WebSocketException)
        {
            return ((int)socket.HttpStatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Every secret this spec handled, in any form it could leak in, is absent from every line the hub printed.</summary>
    private void AssertNoSecretLogged()
    {
        var log = _rig.Hub!.Output;
        var forms = _secrets.Distinct().SelectMany(Forms).Where(f => f.Length >= 8).Distinct().ToList();
        var leaked = forms.Where(f => log.Contains(f, StringComparison.Ordinal)).ToList();
        _report.Line($"log: {log.Split('\n').Length} lines at Trace, checked for {forms.Count} forms of {_secrets.Distinct().Count()} secrets: {(leaked.Count == 0 ? "none found" : $"{leaked.Count} FOUND")}");
        Assert.True(leaked.Count == 0, "secrets in the hub's log:\n" + string.Join("\n", leaked.Take(5).Select(l => log.Split('\n').First(line => line.Contains(l, StringComparison.Ordinal)))));
    }

    /// <summary>A secret as is, and the parts of it that identify it: a token without its prefix, a JWT's signature.</summary>
    private static IEnumerable<string> Forms(string secret)
    {
        yield return secret;
        if (secret.StartsWith("lum_", StringComparison.Ordinal)) yield return secret["lum_".Length..];
        if (secret.Count(c => c == '.') == 2) yield return secret.Split('.')[2];
    }

    public void Dispose()
    {
        _report.Dispose();
        _rig.Dispose();
    }
}
