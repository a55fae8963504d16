using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Lumen.Faults.Specs.Fuzzing;

/// <summary>How one slowloris connection ended: cut by the hub after so long, and what it answered first.</summary>
public sealed record SlowOutcome(TimeSpan ClosedAfter, string FirstLine);

/// <summary>
/// Slowloris: connections that announce a body and then send it a byte a second, holding a
/// request open as long as the server lets them. Kestrel's minimum body rate should cut them.
/// </summary>
public static class SlowClients
{
    public static async Task<IReadOnlyList<SlowOutcome>> SlowBodiesAsync(int port, string path, string authorization, int connections, TimeSpan giveUpAfter)
    {
        return await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => OneAsync(port, path, authorization, giveUpAfter)));
    }

    private static async Task<SlowOutcome> OneAsync(int port, string path, string authorization, TimeSpan giveUpAfter)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        var clock = Stopwatch.StartNew();
        var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{authorization}Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{{";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var answer = new byte[4096];
        var read = stream.ReadAsync(answer).AsTask();
        while (clock.Elapsed < giveUpAfter)
        {
            var tick = Task.Delay(TimeSpan.FromSeconds(1));
            if (await Task.WhenAny(read, tick) == read) break;
            try
            {
                await stream.WriteAsync(" "u8.ToArray());
            }
            catch (IOException)
            {
                break; // cut by the server
            }
        }
        var first = "";
        if (read.IsCompleted)
        {
            try
            {
                var n = await read;
                first = Encoding.ASCII.GetString(answer, 0, n).Split("\r\n")[0];
            }
            catch (IOException)
            {
                first = "(reset)";
            }
        }
        return new SlowOutcome(clock.Elapsed, read.IsCompleted ? first : "(still open)");
    }
}
