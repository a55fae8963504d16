using Lumen.Hub.Configuration;

namespace Lumen.Hub.Cli;

/// <summary>
/// What the command line may say. Program dispatches each command in <see cref="Commands"/>;
/// whatever reaches the hub's start instead must be options the hub reads, or it is refused
/// (usage on stderr, exit 2) rather than starting a hub the user did not ask for.
/// </summary>
public static class CommandLine
{
    /// <summary>The commands Program dispatches, in the help's order. A command added to Program goes here too.</summary>
    public static readonly IReadOnlyList<string> Commands = ["hosts", "users", "import-go", "restore", "healthcheck", "version", "help"];

    /// <summary>Exit code of a refused command line, as for a refused configuration.</summary>
    public const int UsageExitCode = 2;

    /// <summary>
    /// ASP.NET's host settings, which its test host passes as <c>--key=value</c> and the hub
    /// lets through to the host builder unchanged.
    /// </summary>
    private static readonly string[] HostKeys = ["environment", "contentRoot", "applicationName"];

    /// <summary>Configuration sections the builder reads from the command line (<c>--Logging:LogLevel:Default=Warning</c>).</summary>
    private static readonly string[] SectionPrefixes = ["Logging:", "Logging__"];

    /// <summary>
    /// Why <paramref name="args"/> cannot start the hub, or null when they can: every argument
    /// an option <c>--NAME=value</c> (or <c>--NAME value</c>) naming a <c>LUMEN_HUB_*</c> variable
    /// (<see cref="HubVariables"/>), an ASP.NET host setting or a logging key.
    /// </summary>
    public static string? Refusal(IReadOnlyList<string> args)
    {
        if (args.Count > 0 && Commands.Contains(args[0]))
            return $"'{string.Join(' ', args)}': {args[0]} does not take these arguments";
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                return $"unknown command '{arg}'; the commands are {string.Join(", ", Commands)}";
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            if (!IsOption(name)) return $"unknown option '{arg}'{Hint(name)}";
            // "--NAME value": the next argument is the value, as ASP.NET's command line reads it.
            if (equals < 0 && ++i == args.Count) return $"option '{arg}' needs a value (--{name}=VALUE)";
        }
        return null;
    }

    private static bool IsOption(string name) =>
        HubVariables.IsKnown(name)
        || HostKeys.Contains(name, StringComparer.OrdinalIgnoreCase)
        || SectionPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name.Length > prefix.Length);

    private static string Hint(string name) => name.ToLowerInvariant() switch
    {
        "urls" or "port" or "addr" or "listen" => "; the listen address is LUMEN_HUB_ADDR (e.g. --LUMEN_HUB_ADDR=:8090)",
        "db" or "database" or "db-path" => "; the database is LUMEN_HUB_DB_PATH",
        _ => "; the hub's settings are LUMEN_HUB_* environment variables, also given as --LUMEN_HUB_NAME=value",
    };
}
