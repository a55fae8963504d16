namespace Lumen.Agent.Buffer;

/// <summary>
/// Where the frame buffer keeps its file and how much it may hold. Both caps apply; whichever
/// is reached first drops the oldest frames.
/// </summary>
/// <param name="Path">The buffer's own SQLite file (<c>LUMEN_AGENT_BUFFER_PATH</c>); its folder is created.</param>
/// <param name="MaxAge">Frames older than this are dropped (<c>LUMEN_AGENT_BUFFER_MAX_AGE</c>).</param>
/// <param name="MaxFrames">At most this many frames, however small.</param>
/// <param name="Drain">Frames the sender replays per tick once the hub answers (<c>LUMEN_AGENT_BUFFER_DRAIN</c>).</param>
/// <param name="MaxBytes">At most this many bytes of frame JSON, in memory and (about) on disk.</param>
public sealed record BufferOptions(string Path, TimeSpan MaxAge, int MaxFrames, int Drain, long MaxBytes = BufferOptions.DefaultMaxBytes)
{
    public const string DefaultPath = "/var/lib/lumen-agent/buffer.db";

    /// <summary>24 h of frames at the default 5 s interval.</summary>
    public const int DefaultMaxFrames = 24 * 60 * 60 / 5;

    /// <summary>
    /// The real resource bound: the queue lives in memory as JSON and again in the file. 24 h of
    /// typical frames (1–2 KB) fit; a host with many containers (5 KB+) keeps fewer hours
    /// rather than eating the RAM and SD card of a small board.
    /// </summary>
    public const long DefaultMaxBytes = 32L * 1024 * 1024;

    public const int DefaultDrain = 10;

    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromHours(24);

    public static BufferOptions Default(string path = DefaultPath) => new(path, DefaultMaxAge, DefaultMaxFrames, DefaultDrain);

    /// <summary>What is wrong with these options, each naming its setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Path)) problems.Add("LUMEN_AGENT_BUFFER_PATH must name a file");
        if (MaxAge <= TimeSpan.Zero) problems.Add($"LUMEN_AGENT_BUFFER_MAX_AGE must be positive, not {MaxAge}");
        if (MaxFrames < 1) problems.Add($"the buffer's frame cap must be at least 1, not {MaxFrames}");
        if (MaxBytes < 1) problems.Add($"the buffer's byte cap must be at least 1, not {MaxBytes}");
        if (Drain < 1) problems.Add($"LUMEN_AGENT_BUFFER_DRAIN must be at least 1, not {Drain}");
        return problems;
    }
}
