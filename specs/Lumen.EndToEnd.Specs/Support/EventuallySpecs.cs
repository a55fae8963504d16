using Lumen.Specs.Support;

namespace Lumen.EndToEnd.Specs.Support;

/// <summary>The bounded wait every process spec leans on: it returns, gives up, or passes a failure on.</summary>
public sealed class EventuallySpecs
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Eventually_should_return_once_the_condition_holds()
    {
        var looks = 0;

        await Eventually.TrueAsync(() => ++looks == 3, "the third look", TimeSpan.FromSeconds(10));

        Assert.Equal(3, looks);
    }

    [Fact]
    public async Task Eventually_should_give_up_after_the_timeout_naming_what_it_waited_for_and_the_context()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            Eventually.TrueAsync(() => Task.FromResult(false), "the moon", Short, () => "no moon tonight"));

        Assert.Contains("the moon", error.Message);
        Assert.EndsWith("\nno moon tonight", error.Message);
    }

    [Fact]
    public async Task Eventually_should_stop_at_once_when_the_condition_throws()
    {
        Func<bool> exited = () => throw new InvalidOperationException("the process exited");
        var started = DateTime.UtcNow;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Eventually.TrueAsync(exited, "the process to print", TimeSpan.FromSeconds(30)));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "it waited on after the condition failed");
    }
}
