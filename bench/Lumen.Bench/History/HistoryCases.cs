using Lumen.Hub.History;

namespace Lumen.Bench.History;

/// <summary>
/// One history request of the benchmark: a window ending at the newest stored row and the step
/// asked for (null: automatic). <see cref="Direct"/> cases bypass the request rules and run a
/// window straight through the store: figures of the SQL alone that the API never serves.
/// </summary>
public sealed record HistoryCase(string Name, TimeSpan Span, string? Step, bool Direct = false, long DirectStepMs = 0)
{
    public string Query(DateTimeOffset to) =>
        $"from={Rfc3339(to - Span)}&to={Rfc3339(to)}" + (Step is null ? "" : $"&step={Step}");

    /// <summary>The window the hub resolves this request to, with the database's own tiers (its settings).</summary>
    public HistoryWindow Window(DateTimeOffset to, HistoryTiers tiers)
    {
        if (Direct) return new HistoryWindow((to - Span).ToUnixTimeMilliseconds() / DirectStepMs * DirectStepMs, to.ToUnixTimeMilliseconds(), DirectStepMs);
        var resolved = HistoryWindow.Resolve(new HistoryRequest(Rfc3339(to - Span), Rfc3339(to), Step), to, tiers);
        return resolved.Window ?? throw new InvalidOperationException($"{Name}: {resolved.Error}");
    }

    private static string Rfc3339(DateTimeOffset t) => Lumen.Protocol.Rfc3339TimestampConverter.Format(t);

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static readonly IReadOnlyList<HistoryCase> All =
    [
        new("24 h, step=5s asked (native resolution; raised to the 2,000-point cap's step)", Day, "5s"),
        new("24 h, automatic step", Day, null),
        new("24 h, step=45s (every raw row averaged, no rollup)", Day, "45s"),
        new("7 d, automatic step", 7 * Day, null),
        new("7 d, step=5s asked (raised to the cap's step)", 7 * Day, "5s"),
        new("30 d, automatic step", 30 * Day, null),
        new("365 d, automatic step", 365 * Day, null),
        new("365 d, step=5m asked (raised to the cap's step)", 365 * Day, "5m"),
        new("SQL only: 24 h at 5 s, no cap (17,280 raw rows out)", Day, null, Direct: true, DirectStepMs: 5_000),
        new("SQL only: 7 d from the raw rows, no rollup (step 3,605 s)", 7 * Day, null, Direct: true, DirectStepMs: 3_605_000),
    ];
}
