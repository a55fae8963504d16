using System.Buffers;
using System.Runtime.CompilerServices;

namespace Lumen.Protocol.Json;

/// <summary>
/// Collects the items of a JSON array in a pooled buffer, so the array handed out is
/// allocated once at its exact size instead of grown (and thrown away) along the way.
/// A mutable struct: keep it in a local and call <see cref="Dispose"/> in a finally.
/// </summary>
internal struct PooledArrayBuilder<T>
{
    private const int FirstCapacity = 16;
    private T[]? _buffer;

    public int Count { get; private set; }

    public void Add(T item)
    {
        if (_buffer is null || Count == _buffer.Length) Grow();
        _buffer![Count++] = item;
    }

    public readonly T[] ToArray() => Count == 0 ? [] : _buffer.AsSpan(0, Count).ToArray();

    public void Dispose()
    {
        if (_buffer is null) return;
        Return(_buffer);
        _buffer = null;
    }

    private void Grow()
    {
        var bigger = ArrayPool<T>.Shared.Rent(_buffer is null ? FirstCapacity : _buffer.Length * 2);
        if (_buffer is null)
        {
            _buffer = bigger;
            return;
        }
        _buffer.AsSpan(0, Count).CopyTo(bigger);
        Return(_buffer);
        _buffer = bigger;
    }

    // Cleared so the pool does not keep a refused frame's objects alive.
    private static void Return(T[] buffer) =>
        ArrayPool<T>.Shared.Return(buffer, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
}
