namespace Lumen.Hub.Notifications.Messages;

/// <summary>The made-up alert a channel's Test button sends: the Go hub's test event, in this hub's words.</summary>
public static class TestNotification
{
    public static Notification Make(DateTimeOffset now) => new()
    {
        RuleName = "Lumen test",
        Host = "test-host",
        Metric = "cpu_pct",
        Severity = "info",
        State = "firing",
        Value = 42,
        Threshold = 40,
        ValueText = "42 %",
        ThresholdText = "40 %",
        Message = "CPU 42 % > 40 % (a test from Lumen: this channel works)",
        Time = now,
        StartedAt = now,
    };
}
