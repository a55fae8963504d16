using Lumen.Agent;

// Only the one-shot check exists so far; the actor system, buffer and sender come next.
if (args is not ["--once"])
{
    Console.Error.WriteLine("usage: Lumen.Agent --once   (collect twice, one second apart, and print the frame as JSON)");
    return 2;
}
return await OnceCommand.RunAsync(Console.Out, Console.Error);
