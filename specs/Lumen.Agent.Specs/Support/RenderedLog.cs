using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Lumen.Agent.Specs.Support;

/// <summary>One log entry: what the host's logging was given, and the text its console printed for it.</summary>
public sealed record LoggedLine(string Category, LogLevel Level, string Message, Exception? Exception, string Rendered);

/// <summary>
/// A log provider beside the host's console that renders every entry with the console's own
/// formatter, as configured by the host, and keeps it for a spec to read: the lines an
/// operator would see, without sharing the process's console with other specs.
/// </summary>
public sealed partial class RenderedLog(IEnumerable<ConsoleFormatter> formatters) : ILoggerProvider
{
    private readonly ConsoleFormatter _formatter = formatters.Single(f => f.Name == ConsoleFormatterNames.Simple);
    private readonly ConcurrentQueue<LoggedLine> _lines = new();

    public IReadOnlyList<LoggedLine> Lines => _lines.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    /// <summary>Adds the provider to a host's services; find it again with <see cref="Of"/>.</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<RenderedLog>();
        services.AddSingleton<ILoggerProvider>(provider => provider.GetRequiredService<RenderedLog>());
    }

    public static RenderedLog Of(IServiceProvider services) => services.GetRequiredService<RenderedLog>();

    [GeneratedRegex("\x1B\\[[0-9;]*m")]
    private static partial Regex ColorCodes();

    private sealed class Logger(RenderedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var text = new StringWriter();
            log._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), null, text);
            var rendered = ColorCodes().Replace(text.ToString(), "");
            log._lines.Enqueue(new LoggedLine(category, logLevel, formatter(state, exception), exception, rendered));
        }
    }
}
