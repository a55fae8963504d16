using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Lumen.Faults.Specs.Fuzzing;

/// <summary>
/// Sends mutated bodies to the hub's JSON endpoints, several at once, and tallies the answers.
/// Input <c>i</c> is made by <c>new JsonMutator(seed + i)</c>, so any of them can be made again.
/// Endpoints behind the sign-in throttle are reached from ever other loopback addresses
/// (127.77.x.y): the throttle counts per client address, and one address would see nothing
/// but 429 after ten inputs.
/// </summary>
public sealed class HubFuzzer : IDisposable
{
    private const int Addresses = 500;
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _client;
    private readonly HttpClient[] _fromAddresses;
    private readonly string _agentToken;
    private readonly string _sessionCookie;
    private int _nextAddress;

    public HubFuzzer(Uri hub, string agentToken, string sessionToken)
    {
        (_agentToken, _sessionCookie) = (agentToken, $"lumen_session={sessionToken}");
        _client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = hub, Timeout = TimeSpan.FromSeconds(60) };
        _fromAddresses = Enumerable.Range(0, Addresses).Select(i => new HttpClient(FromAddress(new IPAddress([127, 77, (byte)(i / 250), (byte)(1 + i % 250)])))
        {
            BaseAddress = hub,
            Timeout = TimeSpan.FromSeconds(60),
        }).ToArray();
    }

    public async Task RunAsync(IReadOnlyList<FuzzTarget> targets, int inputs, int parallelism, int seed, FuzzTally tally, CancellationToken cancellationToken)
    {
        var schedule = Schedule(targets, inputs, seed);
        await Parallel.ForEachAsync(Enumerable.Range(0, inputs), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, _) =>
        {
            var target = schedule[i];
            var mutator = new JsonMutator(seed + i);
            var body = mutator.Mutate(target.Seed);
            var contentType = (i % 23) switch
            {
                0 => null,
                1 => new MediaTypeHeaderValue("text/plain"),
                2 => MediaTypeHeaderValue.Parse("application/json; charset=iso-8859-1"),
                _ => Json,
            };
            tally.Add(await SendAsync(target, body, contentType, chunked: i % 17 == 0));
        });
    }

    /// <summary>A body far over every cap, once with its length announced and once chunked with none.</summary>
    public async Task OversizedAsync(IReadOnlyList<FuzzTarget> targets, int bytes, FuzzTally tally)
    {
        var body = new byte[bytes];
        Array.Fill(body, (byte)' ');
        body[0] = (byte)'{';
        foreach (var target in targets)
        {
            tally.Add(await SendAsync(target with { Name = target.Name + " 10 MB" }, body, Json, chunked: false));
            tally.Add(await SendAsync(target with { Name = target.Name + " 10 MB chunked" }, body, Json, chunked: true));
        }
    }

    public async Task<FuzzResult> SendAsync(FuzzTarget target, byte[] body, MediaTypeHeaderValue? contentType, bool chunked)
    {
        using var request = new HttpRequestMessage(target.Method, target.Path);
        HttpContent content = chunked ? new StreamContent(new UnseekableStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = contentType;
        request.Content = content;
        if (target.Auth == FuzzAuth.Agent) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _agentToken);
        if (target.Auth is FuzzAuth.Session or FuzzAuth.SessionThrottled) request.Headers.Add("Cookie", _sessionCookie);
        var client = target.Auth is FuzzAuth.Throttled or FuzzAuth.SessionThrottled
            ? _fromAddresses[Interlocked.Increment(ref _nextAddress) % Addresses]
            : _client;
        try
        {
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            var jsonError = status < 400 || FuzzTally.IsJsonError(text);
            var problem = status >= 500 ? $"{status}: {text}" : jsonError ? null : $"{status} without a JSON error: {text}";
            return new FuzzResult(target.Name, status, jsonError, body, problem);
        }
        catch (HttpRequestException)
        {
            // The hub cut the connection (an oversized chunked body is refused before it is read).
            return new FuzzResult(target.Name, 0, true, body, null);
        }
    }

    private static List<FuzzTarget> Schedule(IReadOnlyList<FuzzTarget> targets, int inputs, int seed)
    {
        var total = targets.Sum(t => t.Share);
        var schedule = targets.SelectMany(t => Enumerable.Repeat(t, (int)Math.Ceiling(inputs * t.Share / total))).ToList();
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(schedule));
        return schedule.Take(inputs).ToList();
    }

    private static SocketsHttpHandler FromAddress(IPAddress local) => new()
    {
        UseCookies = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public void Dispose()
    {
        _client.Dispose();
        foreach (var client in _fromAddresses) client.Dispose();
    }

    /// <summary>A stream of unknown length, so the body goes out chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
