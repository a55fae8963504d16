namespace Lumen.Hub.Notifications.WebPush;

/// <summary>
/// Owns the hub's VAPID keys: made once, on the first start, into <c>vapid.json</c> in the
/// data folder and read from there ever after. A damaged file stops the start
/// (<see cref="VapidKeyFileException"/>) instead of being replaced.
/// </summary>
public sealed class VapidKeyStore
{
    private readonly Lock _writing = new();
    private VapidKeys _keys;

    private VapidKeyStore(string path, VapidKeys keys)
    {
        Path = path;
        _keys = keys;
    }

    public string Path { get; }

    public VapidKeys Current => Volatile.Read(ref _keys);

    public static VapidKeyStore Open(string dataFolder, TimeProvider clock)
    {
        var path = System.IO.Path.Combine(dataFolder, VapidKeyFile.FileName);
        if (File.Exists(path)) return new VapidKeyStore(path, VapidKeyFile.Read(path));

        Directory.CreateDirectory(dataFolder);
        var keys = VapidKeys.Generate(VapidSubject.Default, clock.GetUtcNow());
        VapidKeyFile.Write(path, keys);
        return new VapidKeyStore(path, keys);
    }

    /// <summary>Stores a subject already checked by <see cref="VapidSubject.Check"/>; the keys stay.</summary>
    public void SetSubject(string subject)
    {
        lock (_writing)
        {
            var changed = _keys with { Subject = subject };
            VapidKeyFile.Write(Path, changed);
            Volatile.Write(ref _keys, changed);
        }
    }
}
