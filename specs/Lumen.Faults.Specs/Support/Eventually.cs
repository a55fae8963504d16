namespace Lumen.Faults.Specs.Support;

/// <summary>Bounded polling for what the processes do in their own time: never a blind sleep, never an endless wait.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    /// <param name="context">added to the timeout message as it is then, e.g. the processes' output.</param>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan timeout, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"gave up waiting for {what} after {timeout.TotalSeconds:0.#} s" + (context is null ? "" : $"\n{context()}"));
            await Task.Delay(PollEvery);
        }
    }
}
