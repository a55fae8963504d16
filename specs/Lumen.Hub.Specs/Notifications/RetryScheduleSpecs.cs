using Lumen.Hub.Notifications.Deliveries;
using Lumen.Hub.Notifications.Senders;

namespace Lumen.Hub.Specs.Notifications;

public sealed class RetryScheduleSpecs
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch.AddDays(20000);
    private static readonly SendResult ServerError = SendResult.Failed("webhook: HTTP 500", 500);

    [Fact]
    public void Schedule_should_wait_three_times_longer_after_each_failure_up_to_an_hour()
    {
        var schedule = RetrySchedule.Default;

        var delays = Enumerable.Range(1, 9).Select(n => schedule.Delay(n, random: 0.5)).ToList();

        Assert.Equal([5, 15, 45, 135, 405, 1215, 3600, 3600, 3600], delays.Select(d => (int)d.TotalSeconds));
    }

    [Theory]
    [InlineData(0.0, 4.0)]
    [InlineData(0.999999, 6.0)]
    public void Schedule_should_jitter_a_delay_by_at_most_a_fifth(double random, double seconds)
    {
        Assert.Equal(seconds, RetrySchedule.Default.Delay(1, random).TotalSeconds, precision: 3);
    }

    [Theory]
    [InlineData("critical", 10)]
    [InlineData("warning", 8)]
    [InlineData("info", 5)]
    public void Schedule_should_give_more_attempts_to_more_severe_alerts(string severity, int attempts)
    {
        Assert.NotNull(RetrySchedule.Default.Next(attempts - 1, severity, ServerError, Now, 0.5));
        Assert.Null(RetrySchedule.Default.Next(attempts, severity, ServerError, Now, 0.5));
    }

    [Fact]
    public void Schedule_should_wait_out_a_retry_after_instead_of_its_back_off()
    {
        var throttled = SendResult.Failed("ntfy: HTTP 429", 429, TimeSpan.FromSeconds(3));

        Assert.Equal(Now + TimeSpan.FromSeconds(3), RetrySchedule.Default.Next(4, "warning", throttled, Now, 0.5));
        Assert.Equal(Now + TimeSpan.FromHours(1),
            RetrySchedule.Default.Next(1, "warning", throttled with { RetryAfter = TimeSpan.FromDays(2) }, Now, 0.5));
    }

    [Fact]
    public void Schedule_should_not_retry_a_failure_that_retrying_cannot_fix()
    {
        var revoked = SendResult.Failed("telegram: HTTP 401: Unauthorized", 401, permanent: true);

        Assert.Null(RetrySchedule.Default.Next(1, "critical", revoked, Now, 0.5));
    }
}
