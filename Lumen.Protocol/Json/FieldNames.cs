using System.Text;
using System.Text.Json;

namespace Lumen.Protocol.Json;

/// <summary>
/// The wire names of one DTO's fields, in the order of an enum whose members are named after
/// its properties, turned into snake_case by the same policy <see cref="LumenJsonContext"/>
/// uses: the two readers cannot disagree on a name.
/// </summary>
internal sealed class FieldNames
{
    private readonly byte[][] _utf8;
    private readonly string[] _text;

    private FieldNames(string[] names)
    {
        // Seen-field bits live in one ulong per object.
        if (names.Length > 64) throw new ArgumentException("at most 64 fields fit the duplicate check", nameof(names));
        _text = names;
        _utf8 = [.. names.Select(Encoding.UTF8.GetBytes)];
    }

    public static FieldNames Of<TField>() where TField : struct, Enum => Of<TField>(0, []);

    /// <summary>The enum's fields with <paramref name="inserted"/> wire names placed before its member number <paramref name="at"/>.</summary>
    public static FieldNames Of<TField>(int at, IEnumerable<string> inserted) where TField : struct, Enum
    {
        var names = Enum.GetNames<TField>().Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToList();
        names.InsertRange(at, inserted);
        return new([.. names]);
    }

    public string this[int field] => _text[field];

    /// <summary>
    /// The index of <paramref name="name"/>, or -1. Agents write the fields of an object in the
    /// same order every time, so the search starts at <paramref name="hint"/> (the field after
    /// the one found last) and usually ends with one comparison.
    /// </summary>
    public int Find(ReadOnlySpan<byte> name, int hint)
    {
        var count = _utf8.Length;
        for (var i = 0; i < count; i++)
        {
            var field = hint + i;
            if (field >= count) field -= count;
            if (name.SequenceEqual(_utf8[field])) return field;
        }
        return -1;
    }
}
