namespace Lumen.Hub.History.Items;

/// <summary>
/// One item's running sums within one bucket of a batch: the number of samples, and per field
/// the sum, lowest and highest sample, and the label it last reported. Reused across batches.
/// </summary>
public sealed class ItemSums(int fields)
{
    private readonly double[] _sums = new double[fields];
    private readonly double[] _minimums = new double[fields];
    private readonly double[] _maximums = new double[fields];
    private long _lastRowTs = long.MinValue;

    public int Samples { get; private set; }
    public string? Label { get; private set; }
    public ReadOnlySpan<double> Sums => _sums;
    public ReadOnlySpan<double> Minimums => _minimums;
    public ReadOnlySpan<double> Maximums => _maximums;

    /// <summary>
    /// Adds one frame's sample. A second sample from the same frame (two containers of one name)
    /// is not added: an item has one sample per frame, the first one listed (the busiest, when
    /// the frame was cut to the bound).
    /// </summary>
    public void Add(long rowTs, string? label, ReadOnlySpan<double> values)
    {
        if (Samples > 0 && rowTs == _lastRowTs) return;
        if (Samples == 0)
        {
            values.CopyTo(_minimums);
            values.CopyTo(_maximums);
        }
        _lastRowTs = rowTs;
        Label = label;
        Samples++;
        for (var i = 0; i < _sums.Length; i++)
        {
            _sums[i] += values[i];
            _minimums[i] = Math.Min(_minimums[i], values[i]);
            _maximums[i] = Math.Max(_maximums[i], values[i]);
        }
    }

    public void Reset()
    {
        Samples = 0;
        Label = null;
        _lastRowTs = long.MinValue;
        Array.Clear(_sums);
    }
}

/// <summary>
/// The sums of one host's items (containers by name, GPUs by index) in one bucket, gathered
/// over a batch's rows so that a flush writes one upsert per item and bucket, not one per
/// frame. The writer adds a host's rows oldest first and drains the sums whenever the host or
/// the bucket changes.
/// </summary>
public sealed class ItemBucketSums<TKey>(int fields, IComparer<TKey> order) where TKey : notnull
{
    private readonly Dictionary<TKey, ItemSums> _items = [];
    private readonly Stack<ItemSums> _spare = new();
    private readonly List<KeyValuePair<TKey, ItemSums>> _drained = [];
    private readonly Comparison<KeyValuePair<TKey, ItemSums>> _byKey = (x, y) => order.Compare(x.Key, y.Key);

    public long HostId { get; private set; }
    public long BucketTs { get; private set; }

    /// <summary>Whether sums are being gathered for this host's bucket (false when none are).</summary>
    public bool Holds(long hostId, long bucketTs) => _items.Count > 0 && HostId == hostId && BucketTs == bucketTs;

    /// <summary>Adds a sample to the host's bucket; the caller drains the sums of another one first.</summary>
    public void Add(long hostId, long bucketTs, TKey key, long rowTs, string? label, ReadOnlySpan<double> values)
    {
        if (_items.Count == 0) (HostId, BucketTs) = (hostId, bucketTs);
        if (!_items.TryGetValue(key, out var sums))
        {
            sums = _spare.TryPop(out var spare) ? spare : new ItemSums(fields);
            _items.Add(key, sums);
        }
        sums.Add(rowTs, label, values);
    }

    /// <summary>
    /// The gathered items in key order (neighbours in the table's key, so the upserts walk one
    /// page), and a fresh start. The list and its sums are valid until the next call.
    /// </summary>
    public IReadOnlyList<KeyValuePair<TKey, ItemSums>> Drain()
    {
        Recycle();
        _drained.AddRange(_items);
        _drained.Sort(_byKey);
        _items.Clear();
        return _drained;
    }

    /// <summary>Drops whatever is gathered (a failed batch is written again from its rows).</summary>
    public void Clear()
    {
        Drain();
        Recycle();
    }

    private void Recycle()
    {
        foreach (var (_, sums) in _drained)
        {
            sums.Reset();
            _spare.Push(sums);
        }
        _drained.Clear();
    }
}
