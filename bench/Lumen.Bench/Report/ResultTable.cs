using System.Text;

namespace Lumen.Bench.Report;

/// <summary>One line of the result table: a figure, its value and, where the issue set one, the goal and whether it was met.</summary>
public sealed record ResultRow(string Figure, string Measured, string Goal = "", bool? Met = null)
{
    public string Verdict => Met switch { true => "PASS", false => "MISS", null => "" };
}

/// <summary>The run's table as Markdown, with the facts a reader needs to judge the figures.</summary>
public sealed class ResultTable(IReadOnlyList<string> context, IReadOnlyList<ResultRow> rows)
{
    public IReadOnlyList<ResultRow> Rows => rows;

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        foreach (var line in context) text.Append("- ").AppendLine(line);
        text.AppendLine();
        text.AppendLine("| Figure | Measured | Goal | Verdict |");
        text.AppendLine("|---|---|---|---|");
        foreach (var row in rows)
            text.AppendLine($"| {row.Figure} | {row.Measured} | {row.Goal} | {row.Verdict} |");
        return text.ToString();
    }
}
