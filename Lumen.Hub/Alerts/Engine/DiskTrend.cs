namespace Lumen.Hub.Alerts.Engine;

/// <summary>
/// A host's <c>disk_pct</c> over the last <see cref="Window"/>, one sample per
/// <see cref="SampleEvery"/>, and the hours until it reaches 100 % at their least-squares
/// trend. Fewer than <see cref="MinSamples"/> samples, or less than <see cref="MinSpan"/> of
/// them, say nothing: a trend of minutes is noise.
/// </summary>
public sealed class DiskTrend
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(6);
    public static readonly TimeSpan SampleEvery = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MinSpan = TimeSpan.FromHours(1);
    public const int MinSamples = 6;

    private readonly Queue<(DateTimeOffset At, double Pct)> _samples = new();
    private DateTimeOffset _newest;

    public int Count => _samples.Count;

    /// <summary>Adds a reading unless the newest sample is less than <see cref="SampleEvery"/> older; drops what left the window.</summary>
    public void Add(DateTimeOffset at, double pct)
    {
        if (_samples.Count > 0 && at - _newest < SampleEvery) return;
        _samples.Enqueue((at, pct));
        _newest = at;
        while (_samples.Count > 0 && at - _samples.Peek().At > Window) _samples.Dequeue();
    }

    /// <summary>Hours until full from <paramref name="now"/> at <paramref name="currentPct"/>; +∞ when not filling; null when there is too little history.</summary>
    public double? HoursUntilFull(DateTimeOffset now, double currentPct)
    {
        if (_samples.Count < MinSamples || _newest - _samples.Peek().At < MinSpan) return null;
        var origin = _samples.Peek().At;
        double n = _samples.Count, sumX = 0, sumY = 0, sumXx = 0, sumXy = 0;
        foreach (var (at, pct) in _samples)
        {
            var x = (at - origin).TotalHours;
            sumX += x;
            sumY += pct;
            sumXx += x * x;
            sumXy += x * pct;
        }
        var denominator = n * sumXx - sumX * sumX;
        if (denominator <= 0) return null;
        var slopePerHour = (n * sumXy - sumX * sumY) / denominator;
        if (slopePerHour <= 0) return double.PositiveInfinity;
        return Math.Max(0, (100 - currentPct) / slopePerHour);
    }
}
