using Akka.Configuration;
using Lumen.Agent.Buffer;
using Lumen.Protocol.Ingest;
using Microsoft.Data.Sqlite;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Specs.Buffer;

/// <summary>A wall clock that moves only when a spec says so.</summary>
public sealed class WallClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Noon = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Now { get; private set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>A temp folder holding one buffer file, removed with everything in it.</summary>
public sealed class BufferFolder : IDisposable
{
    public string Root { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lumen-buffer-" + Guid.NewGuid().ToString("N"));

    /// <summary>One level down, so specs see the buffer create its folder.</summary>
    public string Path => System.IO.Path.Combine(Root, "state", "buffer.db");

    public BufferOptions Options(int maxFrames = BufferOptions.DefaultMaxFrames, long maxBytes = BufferOptions.DefaultMaxBytes) =>
        BufferOptions.Default(Path) with { MaxFrames = maxFrames, MaxBytes = maxBytes };

    public Config Config => FrameBufferConfig.ForActorSystem(Options());

    /// <summary>Files beside the buffer that it moved or copied aside.</summary>
    public string[] AsideFiles() => Directory.Exists(System.IO.Path.GetDirectoryName(Path))
        ? Directory.GetFiles(System.IO.Path.GetDirectoryName(Path)!, "buffer.db.corrupt-*")
        : [];

    /// <summary>Runs SQL on the buffer file from outside, as a damaged disk or a curious admin would.</summary>
    public long Sql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L);
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}

public static class BufferFrames
{
    /// <summary>A frame collected at <paramref name="ts"/>; <paramref name="cpu"/> tells frames apart.</summary>
    public static IngestFrame At(DateTimeOffset ts, double cpu = 1) => new()
    {
        Ts = ts,
        [ScalarMetrics.CpuPct] = cpu,
        [ScalarMetrics.RamPct] = 40,
        [ScalarMetrics.Load1] = 0.5,
        CpuPerCore = [cpu, cpu],
        System = new SystemInfo { Hostname = "nas", Os = "Debian GNU/Linux 12", Arch = "arm64" },
    };

    /// <summary>A frame's JSON of exactly <paramref name="bytes"/> bytes, for the pure state.</summary>
    public static StoredFrame Stored(long id, DateTimeOffset ts, int bytes = 100) => new(id, ts, new byte[bytes]);
}
