using Lumen.Agent;
using Lumen.Agent.Configuration;
using Microsoft.Extensions.Hosting;

switch (args)
{
    case ["--once"]:
        return await OnceCommand.RunAsync(Console.Out, Console.Error);
    case ["--help" or "-h" or "help"]:
        Console.Out.Write(AgentHelp.Text);
        return 0;
    case [] or ["--config", _]:
        break;
    default:
        Console.Error.Write(AgentHelp.Text);
        return 2;
}

AgentOptions options;
try
{
    options = AgentOptionsLoader.Load(Environment.GetEnvironmentVariable, args is ["--config", var path] ? path : AgentOptionsLoader.DefaultConfigPath);
}
catch (AgentConfigurationException e)
{
    Console.Error.WriteLine($"lumen-agent: {e.Message}");
    return 2;
}

await AgentHost.Build(options).RunAsync();
return 0;
