using Akka.Actor;
using Akka.Configuration;
using Akka.DependencyInjection;
using Akka.Dispatch;
using Akka.Event;
using Akka.Hosting;
using Microsoft.Extensions.Logging;
using MelLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Lumen.Agent.Runtime;

/// <summary>
/// Akka's logger in a generic host: writes each Akka log event once through the host's
/// <see cref="ILoggerFactory"/>, with the event's source (an actor's path) as the category, the
/// message text alone, and the cause as the exception, so the host's format is the only one.
/// </summary>
/// <remarks>
/// Akka.Hosting's <c>AddLoggerFactory()</c> logger (1.5.74) writes <c>LogEvent.ToString()</c>
/// instead: Akka's own line, <c>[INFO][date][Thread 0012][akka://…/user/sender] text</c>, plus
/// <c>Cause: …</c> for an error, all under the one category <c>Akka.Actor.ActorSystem</c>. The host
/// printed that inside its own prefix, and an error's exception twice. It has no option for the
/// text alone, so this logger replaces it.
/// </remarks>
public sealed class HostLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private readonly ILoggerFactory _loggers;

    public HostLogger()
    {
        // Akka.Hosting gives every actor system its host's services.
        _loggers = DependencyResolver.For(Context.System).Resolver.GetService<ILoggerFactory>()
            ?? throw new ConfigurationException($"{nameof(HostLogger)} needs an actor system started by Akka.Hosting, whose services hold an ILoggerFactory");
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(Write);
    }

    private void Write(LogEvent log)
    {
        var level = LevelOf(log.LogLevel());
        var logger = _loggers.CreateLogger(log.LogSource);
        if (!logger.IsEnabled(level)) return;
        logger.Log(level, default, TextOf(log), log.Cause, static (text, _) => text);
    }

    /// <summary>The message formatted with its arguments; a template that does not fit them is shown as it is rather than lost.</summary>
    private static string TextOf(LogEvent log)
    {
        try
        {
            return log.Message?.ToString() ?? "";
        }
        catch (FormatException)
        {
            return log.Message is LogMessage message
                ? $"{message.Format} (arguments: {string.Join(", ", message.Parameters())})"
                : log.Message.GetType().FullName ?? "";
        }
    }

    private static MelLogLevel LevelOf(Akka.Event.LogLevel level) => level switch
    {
        Akka.Event.LogLevel.DebugLevel => MelLogLevel.Debug,
        Akka.Event.LogLevel.InfoLevel => MelLogLevel.Information,
        Akka.Event.LogLevel.WarningLevel => MelLogLevel.Warning,
        _ => MelLogLevel.Error,
    };
}

public static class HostLoggerWiring
{
    /// <summary>
    /// Akka's log events go to the host's logging, once and in the host's format
    /// (<see cref="HostLogger"/>), and nowhere else.
    /// </summary>
    public static AkkaConfigurationBuilder AddHostLogging(this AkkaConfigurationBuilder builder) =>
        builder.ConfigureLoggers(loggers =>
        {
            loggers.ClearLoggers();
            loggers.AddLogger<HostLogger>();
        });
}
