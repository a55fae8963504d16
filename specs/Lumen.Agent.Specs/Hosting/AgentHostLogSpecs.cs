using System.Net;
using Lumen.Agent.Configuration;
using Lumen.Agent.Specs.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lumen.Agent.Specs.Hosting;

/// <summary>The agent's log lines as its console prints them.</summary>
public sealed class AgentHostLogSpecs : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly string _bufferFolder = Path.Combine(Path.GetTempPath(), $"lumen-log-spec-{Guid.NewGuid():N}");
    private ScriptedHub _hub = null!;

    public async Task InitializeAsync() => _hub = await ScriptedHub.StartAsync();

    [Fact]
    public async Task AgentHost_should_print_an_actors_line_once_in_the_console_format_under_the_actors_path()
    {
        _hub.NextStatuses.Enqueue(HttpStatusCode.Unauthorized);
        using var host = AgentHost.Build(new AgentOptions(_hub.Url, "lum_spec", "spec-box", TimeSpan.FromSeconds(5),
            "/", "/nonexistent/docker.sock", Path.Combine(_bufferFolder, "buffer.db"), TimeSpan.FromHours(24), 10),
            builder => RenderedLog.AddTo(builder.Services));
        await host.StartAsync();
        var log = RenderedLog.Of(host.Services);

        var refused = await FirstAsync(log, line => line.Category == "akka://lumen-agent/user/sender");
        await host.StopAsync();

        // A first refusal is a warning (the error comes once refusals last, RefusedTokenBackoff).
        Assert.Equal(LogLevel.Warning, refused.Level);
        Assert.StartsWith("The hub refused this agent's token", refused.Message);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d warn: akka://lumen-agent/user/sender\[0\] The hub refused this agent's token", refused.Rendered);
        Assert.DoesNotContain(log.Lines, line => line.Rendered.Contains("[Thread ") || line.Rendered.Contains("[WARNING]"));
    }

    private static async Task<LoggedLine> FirstAsync(RenderedLog log, Func<LoggedLine, bool> match)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            if (log.Lines.FirstOrDefault(match) is { } line) return line;
            await Task.Delay(20);
        }
        throw new TimeoutException("no such line; logged: \n" + string.Join("", log.Lines.Select(l => l.Rendered)));
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        if (Directory.Exists(_bufferFolder)) Directory.Delete(_bufferFolder, recursive: true);
    }
}
