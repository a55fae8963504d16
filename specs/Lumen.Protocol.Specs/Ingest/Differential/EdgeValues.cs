namespace Lumen.Protocol.Specs.Ingest.Differential;

/// <summary>
/// Raw JSON texts on the edges of what a frame field takes: numbers at the limits of double,
/// int and long, literals the JSON grammar refuses, every value type, timestamps of almost the
/// right shape, and nesting around the depth limit.
/// </summary>
internal static class EdgeValues
{
    public static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "0.5", "12.5", "100", "100.0000001", "-0.1", "150", "150.1", "-50", "-50.1",
        "1e3", "1E+2", "1.0", "2.5e-3", "2147483647", "2147483648", "-2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e400", "-1e400", "1e-400",
        "4.9e-324", "1.7976931348623157e308", "123456789012345678901234567890",
    ];

    private static readonly string[] NotJson = ["NaN", "Infinity", "-Infinity", "01", "+1", ".5", "1.", "0x10", "1e", "--1", "tru", "nul", "'x'", "undefined"];

    private static readonly string[] Literals = ["null", "true", "false"];

    private static readonly string[] Structures =
    [
        "{}", "[]", "[null]", "[1,\"x\"]", "[{}]", "[[]]", "{\"a\":1}", "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":null}}",
        "[1.5,2,3]", "{\"a\":[1,{\"b\":\"c\"}]}",
    ];

    private static readonly string[] Strings =
    [
        "\"\"", "\"x\"", "\"1\"", "\"12.5\"", "\"NaN\"", "\"true\"", "\"null\"", "\"é\"", "\"\\u00e9\"", "\"\\ud800\"",
        "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"", "\"a\\u0000b\"", "\"tab\\there\"", "\"\\/\\\\\\\"\"",
    ];

    public static readonly string[] Timestamps =
    [
        "2026-11-27T01:46:39Z", "2026-11-27T01:46:39.123456789Z", "2026-11-27T01:46:39+01:00", "2026-11-27T01:46:39-00:00",
        "2026-11-27t01:46:39z", "2026-11-27 01:46:39Z", "2026-11-27T01:46:39", "2026-11-27", "1999-12-31T23:59:59Z",
        "2000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59-01:00", "2026-02-30T00:00:00Z", "2026-11-27T24:00:00Z", "2026-11-27T01:46:60Z",
        "2026-11-27T01:46:39.Z", "2026-11-27T01:46:39.1234567890123456789Z", "2026-11-27T01:46:39+0100",
        "2026-11-27T01:46:39+01:00:00", "+2026-11-27T01:46:39Z", "2026-11-27T01:46:39+14:00", "2026-11-27T01:46:39+15:00",
        "2026-11-27T01:46:39.1234567890123456789012345678901234567890123456789012345678901234567890Z",
        "2026-11-27T01:46:39\\u005A", "2026-11-27T01:46:39\\u002B01:00", "\\u0032026-11-27T01:46:39Z",
    ];

    public static string Any(Random random) => random.Next(8) switch
    {
        0 or 1 => Pick(random, Numbers),
        2 => Pick(random, NotJson),
        3 => Pick(random, Literals),
        4 => Pick(random, Structures),
        5 => Pick(random, Strings),
        6 => Quoted(Pick(random, Timestamps)),
        _ => Deep(random),
    };

    /// <summary>Arrays and objects nested around the reader's limit of 16 (the frame adds its own levels).</summary>
    public static string Deep(Random random)
    {
        var depth = random.Next(10, 18);
        var opens = new System.Text.StringBuilder();
        var closes = new System.Text.StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            var asObject = random.Next(2) == 0;
            opens.Append(asObject ? "{\"d\":" : "[");
            closes.Insert(0, asObject ? '}' : ']');
        }
        return $"{opens}1{closes}";
    }

    public static string Quoted(string text) => $"\"{text}\"";

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
