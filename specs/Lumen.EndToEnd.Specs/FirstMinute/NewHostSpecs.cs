using Lumen.EndToEnd.Specs.Support;
using Lumen.Specs.Support;
using Xunit.Abstractions;

namespace Lumen.EndToEnd.Specs.FirstMinute;

/// <summary>
/// A new user's first minute: a host added with <c>lumen-hub hosts add</c> while the hub runs,
/// its agent started the moment the token is printed. The first frame is stored, and the agent
/// never hears 401 (the hub looks a token up in the database before refusing it).
/// </summary>
public sealed class NewHostSpecs(ITestOutputHelper output) : IDisposable
{
    private readonly LumenRig _rig = new(output);

    [Fact]
    public async Task Agent_should_have_its_first_frame_stored_when_started_at_once_for_a_host_just_added_on_the_command_line()
    {
        await _rig.StartHubAsync();
        var (id, token) = await _rig.AddHostByCommandLineAsync("brand-new");

        var agent = await _rig.StartAgentAsync("brand-new", token);

        var ticks = _rig.Ticks(id);
        await Eventually.TrueAsync(() => (ticks = _rig.Ticks(id)).Count >= 2, "the new host's first frames to be stored",
            TimeSpan.FromSeconds(30), () => _rig.Diagnostics(ticks), Eventually.ProcessPollEvery);
        _rig.Check(!agent.Output.Contains("401", StringComparison.Ordinal), "the agent was refused on its first posts");
        _rig.AssertNoTickMissing(ticks, "the new host's first ticks");
    }

    public void Dispose() => _rig.Dispose();
}
