namespace Lumen.Specs.Support;

/// <summary>Bounded polling for what happens asynchronously: never a blind sleep, never an endless wait.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>State in the spec's own process is cheap to look at: look often.</summary>
    public static readonly TimeSpan DefaultPollEvery = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// For a child process's output or a database file it writes: each look copies a log or
    /// opens the file, so four looks a second leave the cores to the processes being timed.
    /// </summary>
    public static readonly TimeSpan ProcessPollEvery = TimeSpan.FromMilliseconds(250);

    /// <param name="context">added to the timeout message as it is then, e.g. the processes' output.</param>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? context = null, TimeSpan? pollEvery = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout, context, pollEvery);

    /// <param name="context">added to the timeout message as it is then, e.g. the processes' output.</param>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<string>? context = null, TimeSpan? pollEvery = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"gave up waiting for {what} after {limit.TotalSeconds:0.#} s" + (context is null ? "" : $"\n{context()}"));
            await Task.Delay(pollEvery ?? DefaultPollEvery);
        }
    }
}
