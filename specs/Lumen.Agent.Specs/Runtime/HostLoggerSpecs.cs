using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Lumen.Agent.Runtime;
using Lumen.Agent.Specs.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Lumen.Agent.Specs.Runtime;

/// <summary>Akka's log events through <see cref="HostLogger"/> into a host whose console format is single-line.</summary>
public sealed class HostLoggerSpecs
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task HostLogger_should_pass_the_text_alone_under_the_actors_path_and_the_cause_as_the_exception()
    {
        var (host, log) = await StartHostAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var cause = new InvalidOperationException("disk on fire");

        system.ActorOf(Props.Create(() => new Logging(log => log.Error(cause, "Could not write {0}", "buffer.db"))), "writer");

        var line = await FirstAsync(log, l => l.Category == "akka://log-spec/user/writer");
        await host.StopAsync();
        host.Dispose();

        Assert.Equal((LogLevel.Error, "Could not write buffer.db"), (line.Level, line.Message));
        Assert.Same(cause, line.Exception);
        Assert.StartsWith("fail: akka://log-spec/user/writer[0] Could not write buffer.db", line.Rendered);
        Assert.Single(line.Rendered.Split("disk on fire")[1..]);
    }

    [Fact]
    public async Task HostLogger_should_leave_braces_in_a_text_without_arguments_as_they_are()
    {
        var (host, log) = await StartHostAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();

        system.ActorOf(Props.Create(() => new Logging(log => log.Warning("""docker: the API answered {"message":"page not found"}"""))), "docker");

        var line = await FirstAsync(log, l => l.Category == "akka://log-spec/user/docker");
        await host.StopAsync();
        host.Dispose();

        Assert.Equal("""docker: the API answered {"message":"page not found"}""", line.Message);
    }

    private static async Task<(IHost Host, RenderedLog Log)> StartHostAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.ClearProviders(); // the console's formatter stays: RenderedLog prints with it
        RenderedLog.AddTo(builder.Services);
        builder.Services.AddAkka("log-spec", akka => akka.AddHostLogging());
        var host = builder.Build();
        await host.StartAsync();
        return (host, RenderedLog.Of(host.Services));
    }

    private static async Task<LoggedLine> FirstAsync(RenderedLog log, Func<LoggedLine, bool> match)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            if (log.Lines.FirstOrDefault(match) is { } line) return line;
            await Task.Delay(20);
        }
        throw new TimeoutException("no such line; logged:\n" + string.Join("", log.Lines.Select(l => l.Rendered)));
    }

    /// <summary>Logs once as it starts.</summary>
    private sealed class Logging : ReceiveActor
    {
        public Logging(Action<ILoggingAdapter> write) => write(Context.GetLogger());
    }
}
