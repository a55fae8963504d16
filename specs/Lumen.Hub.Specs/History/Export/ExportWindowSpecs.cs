using Lumen.Hub.History;
using Lumen.Hub.History.Export;
using static Lumen.Hub.Specs.History.HistoryRows;

namespace Lumen.Hub.Specs.History.Export;

/// <summary>The export's own choices: its cap on rows and the name its file is saved under.</summary>
public sealed class ExportWindowSpecs
{
    private static readonly HistoryTiers KeepEverythingRaw = new(TimeSpan.Zero, TimeSpan.FromMinutes(5), TimeSpan.FromDays(365));

    [Fact]
    public void Export_window_should_keep_a_day_at_5_s_that_a_chart_raises_to_a_minute()
    {
        var request = new HistoryRequest("86400", "172800", "5s");
        var now = DateTimeOffset.FromUnixTimeSeconds(172800);

        var chart = HistoryWindow.Resolve(request, now, KeepEverythingRaw).Window!;
        var export = HistoryWindow.Resolve(request, now, KeepEverythingRaw, HistoryExportApi.MaxRows).Window!;

        Assert.Equal(60, chart.StepSeconds);
        Assert.Equal(5, export.StepSeconds);
        Assert.Equal(17_280, export.Buckets);
    }

    [Fact]
    public void Export_window_should_raise_a_week_at_5_s_to_the_smallest_step_under_the_cap()
    {
        var request = new HistoryRequest("0", "604800", "5s");

        var export = HistoryWindow.Resolve(request, DateTimeOffset.FromUnixTimeSeconds(604800), KeepEverythingRaw, HistoryExportApi.MaxRows).Window!;

        Assert.Equal(10, export.StepSeconds);
        Assert.Equal(60_480, export.Buckets);
    }

    [Theory]
    [InlineData("nas", "nas")]
    [InlineData("web-01.lan_b", "web-01.lan_b")]
    [InlineData(".hidden", "_hidden")]
    [InlineData("-rf", "_rf")]
    [InlineData("a\"b\r\nc/d\\e:f", "a_b__c_d_e_f")]
    [InlineData("größe", "gr__e")]
    [InlineData("", "host")]
    public void Export_file_name_should_hold_only_letters_digits_dots_dashes_and_underscores(string host, string safe)
    {
        var window = new HistoryWindow(T0.ToUnixTimeMilliseconds(), T0.AddHours(1).AddMilliseconds(500).ToUnixTimeMilliseconds(), 60_000);

        Assert.Equal($"{safe}-20261127T120000Z-20261127T130000Z.csv", ExportFileName.For(host, window, "csv"));
    }
}
