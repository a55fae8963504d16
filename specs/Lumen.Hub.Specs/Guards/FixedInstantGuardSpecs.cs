using System.Text.RegularExpressions;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Guards;

/// <summary>
/// A fixed instant (a date written into a spec) ages: once it is older than the retention
/// window, a real hub's first sweep deletes what the spec wrote, and once it is older than
/// the "online" window the host shows offline. A spec passed on the day it was written and
/// failed a week later that way. This guard reads every spec source and fails when a file
/// that starts a real hub also names a fixed instant; such specs date frames from the clock
/// (<see cref="Frames.Start"/>, <see cref="Frames.Recent"/>).
/// </summary>
public sealed partial class FixedInstantGuardSpecs
{
    /// <summary>What a file mentions when it runs a real hub: a process, the in-process factory, or a rig around them.</summary>
    [GeneratedRegex(@"\b(HubProcess|HubFactory|WebApplicationFactory|LumenRig|FaultRig|SimulatedFleet|HubFuzzer)\b")]
    private static partial Regex StartsARealHub();

    /// <summary>Ways a spec names a fixed instant: the shared ones, or a date literal in code.</summary>
    [GeneratedRegex("""\bT0\b|\bNoon\b|\bAfterT0\(|\bRowAfterT0\(|new\s+DateTime(Offset)?\(\s*\d{4}\s*,|\.Parse(Exact)?\(\s*"\d{4}-\d{2}-\d{2}T|FromUnixTime(Seconds|Milliseconds)\(\s*\d{9,}\s*\)""")]
    private static partial Regex FixedInstant();

    /// <summary>The same for the browser specs, which drive the real hub from TypeScript.</summary>
    [GeneratedRegex("""Date\.UTC\(|Date\.parse\(\s*['"`]\d{4}-|new Date\(\s*['"`]?\d{4}""")]
    private static partial Regex FixedInstantInTypeScript();

    /// <summary>The file names and lines where a spec that starts a real hub names a fixed instant.</summary>
    internal static IEnumerable<string> Offences(string file, string source, Regex fixedInstant)
    {
        // Comments may name both (this guard's own do); only code counts.
        var lines = source.Split('\n').Select(line => line.Trim()).Select(line => line.StartsWith("//", StringComparison.Ordinal) ? "" : line).ToArray();
        if (!file.Contains("/e2e/", StringComparison.Ordinal) && !lines.Any(line => StartsARealHub().IsMatch(line))) yield break;
        for (var i = 0; i < lines.Length; i++)
            if (fixedInstant.IsMatch(lines[i])) yield return $"{file}:{i + 1}: {lines[i]}";
    }

    private static IEnumerable<string> SourceFiles(string folder, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, folder), pattern, SearchOption.AllDirectories)
            .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal)
                           && !path.Contains("/node_modules/", StringComparison.Ordinal))
            .Where(path => Path.GetFileName(path) != nameof(FixedInstantGuardSpecs) + ".cs");

    [Fact]
    public void Specs_that_start_a_real_hub_should_date_their_frames_from_the_clock()
    {
        var offences = SourceFiles("specs", "*.cs")
            .SelectMany(path => Offences(Path.GetRelativePath(RepositoryFiles.Root, path), File.ReadAllText(path), FixedInstant()))
            .ToList();

        Assert.True(offences.Count == 0, "a fixed instant reaches a real hub (date it from the clock instead):\n" + string.Join('\n', offences));
    }

    [Fact]
    public void Browser_specs_should_date_their_data_from_the_clock()
    {
        var offences = SourceFiles("Lumen.Web/tests/e2e", "*.ts")
            .SelectMany(path => Offences(Path.GetRelativePath(RepositoryFiles.Root, path), File.ReadAllText(path), FixedInstantInTypeScript()))
            .ToList();

        Assert.True(offences.Count == 0, "a fixed instant reaches the hub from a browser spec:\n" + string.Join('\n', offences));
    }

    [Theory]
    [InlineData("using var hub = await HubProcess.StartAsync(env);\nawait agent.SendAsync(hub.BaseAddress, Frames.AfterT0(i * 5));")]
    [InlineData("var hub = new HubFactory();\nvar ts = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);")]
    [InlineData("await using var hub = new HubFactory();\nvar at = DateTimeOffset.Parse(\"2026-11-27T12:00:00Z\");")]
    [InlineData("using var rig = new LumenRig();\nvar t = DateTimeOffset.FromUnixTimeSeconds(1795000000);")]
    public void Guard_should_catch_a_fixed_instant_beside_a_real_hub(string source)
    {
        Assert.NotEmpty(Offences("specs/Example.cs", source, FixedInstant()));
    }

    [Theory]
    [InlineData("var ts = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero); // a pure spec, no hub")]
    [InlineData("var hub = new HubFactory();\nvar ts = Frames.Recent(5);\n// once dated from T0, which aged out")]
    public void Guard_should_let_pure_specs_and_clock_dated_frames_be(string source)
    {
        Assert.Empty(Offences("specs/Example.cs", source, FixedInstant()));
    }
}
