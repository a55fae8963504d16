using System.Text.Json.Nodes;
using Lumen.Hub.Alerts.Rules;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Messages;
using Lumen.Hub.Notifications.Senders;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Notifications.Senders;

/// <summary>
/// What the sender specs send (a firing, a resolved and a grouped message at fixed times) and
/// how: through the senders <see cref="SendersWiring.AddNotificationSenders"/> registers, with
/// the shared HTTP client, as the hub sends.
/// </summary>
public static class SenderSamples
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public static readonly Notification Firing = new()
    {
        RuleId = 7, RuleName = "CPU high", Host = "web-1", HostId = 1, Metric = "cpu_pct", Severity = "critical", State = "firing",
        Value = 93.2, Threshold = 80, Message = "CPU 93 % > 80 % for 1 min", Time = Start, EventId = 41,
        ValueText = "93.2 %", ThresholdText = "80 %", StartedAt = Start, Url = "https://lumen.example.net/hosts/1",
    };

    public static readonly Notification Resolved = Firing with
    {
        State = "resolved", Value = 41, ValueText = "41 %", Message = "CPU back to 41 % (below 80 %) after 12 min",
        Time = Start.AddMinutes(12), ResolvedAt = Start.AddMinutes(12),
    };

    public static OutgoingMessage FiringMessage => new("d-41-firing", [Firing]);

    public static OutgoingMessage ResolvedMessage => new("d-41-resolved", [Resolved]);

    /// <summary>A switch died: two hosts offline (one critical rule, one warning), and web-1 recovered meanwhile.</summary>
    public static OutgoingMessage GroupMessage => new("g-9",
    [
        Offline("nas", 2, "warning"),
        Offline("db-1", 3, "critical"),
        Resolved,
    ]);

    public static OutgoingMessage WithSeverity(string severity) => new($"d-{severity}", [Firing with { Severity = severity }]);

    public static Notification Offline(string host, long hostId, string severity) => new()
    {
        RuleId = 3, RuleName = "Host offline", Host = host, HostId = hostId, Metric = "offline", Severity = severity, State = "firing",
        Message = "offline for 2 min", Time = Start.AddMinutes(2), EventId = 40 + hostId, StartedAt = Start,
        Url = $"https://lumen.example.net/hosts/{hostId}",
    };

    public static JsonObject Config(string json) => JsonNode.Parse(json)!.AsObject();

    public static NotificationChannel Channel(string type, JsonObject config) =>
        new(1, $"my {type}", type, config, true, AlertSeverity.Info, Start, Start);

    private static readonly NotificationSenders Senders = new ServiceCollection()
        .AddNotificationSenders()
        .BuildServiceProvider()
        .GetRequiredService<NotificationSenders>();

    /// <summary>The type's sender as the hub registers it.</summary>
    public static INotificationSender Sender(string type) => Senders.Find(type) ?? throw new InvalidOperationException($"no sender for {type}");

    public static Task<SendResult> SendAsync(string type, JsonObject config, OutgoingMessage message) =>
        Sender(type).SendAsync(Channel(type, config), message, CancellationToken.None);

    /// <summary>
    /// The three answers every HTTP channel must tell apart, each with the service's own error
    /// body: a 500 is retried and its body kept in the error, a 401 fails at once (a retry cannot
    /// fix a revoked token), a 429 with <c>Retry-After: 3</c> is retried after 3 s.
    /// </summary>
    public static async Task AssertFarEndAnswersAreMappedAsync(ChannelReceiver receiver, Func<Task<SendResult>> send, string type,
        string serverErrorBody, string unauthorizedBody, string tooManyBody)
    {
        receiver.AnswerWith(500, serverErrorBody);
        var serverError = await send();
        Assert.False(serverError.Ok);
        Assert.False(serverError.Permanent);
        Assert.Equal(500, serverError.HttpStatus);
        Assert.StartsWith($"{type}: HTTP 500", serverError.Error);
        Assert.Contains(serverErrorBody, serverError.Error);

        receiver.AnswerWith(401, unauthorizedBody);
        var unauthorized = await send();
        Assert.False(unauthorized.Ok);
        Assert.True(unauthorized.Permanent, unauthorized.Error);
        Assert.Equal(401, unauthorized.HttpStatus);
        Assert.StartsWith($"{type}: HTTP 401", unauthorized.Error);

        receiver.AnswerWith(429, tooManyBody, "application/json", ("Retry-After", "3"));
        var tooMany = await send();
        Assert.False(tooMany.Ok);
        Assert.False(tooMany.Permanent);
        Assert.Equal(TimeSpan.FromSeconds(3), tooMany.RetryAfter);
    }

    /// <summary><c>http://127.0.0.1:PORT</c> where nothing listens: a port the OS just handed out and took back.</summary>
    public static string ClosedRoot()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
    }

    /// <summary>An unreachable service is retried, and the error says it could not connect.</summary>
    public static void AssertRetriedAsUnreachable(SendResult result, string type)
    {
        Assert.False(result.Ok);
        Assert.False(result.Permanent, result.Error);
        Assert.Null(result.HttpStatus);
        Assert.Equal($"{type}: cannot connect (Connection refused)", result.Error);
    }

    /// <summary>A sender's config check answers one error that starts with the field it names.</summary>
    public static void AssertConfigError(string type, string json, string expectedField)
    {
        var error = Sender(type).CheckConfig(Config(json));
        Assert.NotNull(error);
        Assert.StartsWith($"config.{expectedField}: ", error);
    }
}
