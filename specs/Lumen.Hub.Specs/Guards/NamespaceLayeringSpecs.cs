using System.Text.RegularExpressions;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Guards;

/// <summary>
/// The folders of each project are its features (one home each: actor, store, API, messages)
/// over a little shared plumbing, and they depend on one another in one direction only. This
/// reads the sources and fails on a cycle between two folders, on plumbing that reaches up
/// into a feature, and on a feature that reaches into the hub's composition (its start-up
/// configuration and command line), so a new dependency the wrong way is caught the day it is
/// written, not by the next review.
/// </summary>
public sealed partial class NamespaceLayeringSpecs
{
    /// <summary>Folders every feature may use and which use no feature.</summary>
    private static readonly string[] HubPlumbing = ["Storage", "Http"];

    /// <summary>What wires the hub together: it may use every feature, and no feature may use it.</summary>
    private static readonly string[] HubComposition = ["(root)", "Configuration", "Cli"];

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    /// <summary>Feature-level dependencies: the dependency graph of a project's top-level namespaces.</summary>
    internal static Dictionary<string, SortedSet<string>> Graph(string project, IEnumerable<(string File, string Source)> files)
    {
        var mention = new Regex($@"\b{Regex.Escape(project)}\.([A-Z]\w*)");
        var rootTypes = new HashSet<string>();
        var parsed = new List<(string Node, string Code)>();
        foreach (var (_, source) in files)
        {
            var code = string.Join('\n', source.Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            if (Namespace().Match(code) is not { Success: true } ns || !(ns.Groups[1].Value + ".").StartsWith(project + ".", StringComparison.Ordinal)) continue;
            var node = Node(project, ns.Groups[1].Value);
            parsed.Add((node, code[(ns.Index + ns.Length)..] + "\n" + code[..ns.Index]));
            if (node == "(root)")
                foreach (Match type in TypeDeclaration().Matches(code)) rootTypes.Add(type.Groups[1].Value);
        }

        var graph = new Dictionary<string, SortedSet<string>>();
        foreach (var (node, code) in parsed)
        {
            var edges = graph.TryGetValue(node, out var known) ? known : graph[node] = [];
            foreach (Match m in mention.Matches(code)) edges.Add(m.Groups[1].Value);
            // Types of the project's root namespace are visible to every folder without a using.
            if (node != "(root)" && rootTypes.Any(type => Regex.IsMatch(code, $@"\b{type}\b"))) edges.Add("(root)");
            edges.Remove(node);
        }
        return graph;
    }

    [GeneratedRegex(@"^(?:public |internal )?(?:(?:sealed|static|partial|abstract) )*(?:class|record|struct|interface|enum) (\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    private static string Node(string project, string ns) =>
        ns == project ? "(root)" : ns[(project.Length + 1)..].Split('.')[0];

    /// <summary>Each cycle as "A → B → A", found as the strongly connected components of more than one folder.</summary>
    internal static List<string> Cycles(Dictionary<string, SortedSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<string>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (!index.ContainsKey(next)) { Visit(next); low[node] = Math.Min(low[node], low[next]); }
                else if (stack.Contains(next)) low[node] = Math.Min(low[node], index[next]);
            }
            if (low[node] != index[node]) return;
            var component = new List<string>();
            string popped;
            do { popped = stack.Pop(); component.Add(popped); } while (popped != node);
            if (component.Count > 1) cycles.Add(string.Join(" ↔ ", component.Order()));
        }

        foreach (var node in graph.Keys.Order()) if (!index.ContainsKey(node)) Visit(node);
        return cycles;
    }

    private static Dictionary<string, SortedSet<string>> ProjectGraph(string project) =>
        Graph(project, Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, project), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            .Select(path => (path, File.ReadAllText(path))));

    private static string Describe(Dictionary<string, SortedSet<string>> graph) =>
        string.Join('\n', graph.OrderBy(n => n.Key).Select(n => $"  {n.Key} → {string.Join(", ", n.Value)}"));

    [Theory]
    [InlineData("Lumen.Hub")]
    [InlineData("Lumen.Agent")]
    [InlineData("Lumen.Protocol")]
    public void Folders_should_depend_on_one_another_in_one_direction_only(string project)
    {
        var graph = ProjectGraph(project);
        var cycles = Cycles(graph);
        Assert.True(cycles.Count == 0, $"{project} has folders that depend on each other: {string.Join("; ", cycles)}\n{Describe(graph)}");
    }

    [Fact]
    public void Hub_plumbing_should_depend_on_no_feature()
    {
        var graph = ProjectGraph("Lumen.Hub");
        var upward = HubPlumbing.SelectMany(p => (graph.GetValueOrDefault(p) ?? []).Select(d => $"{p} → {d}")).ToList();
        Assert.True(upward.Count == 0, $"plumbing uses a feature: {string.Join(", ", upward)}");
    }

    [Fact]
    public void Hub_features_should_not_reach_into_the_composition()
    {
        var graph = ProjectGraph("Lumen.Hub");
        var wrong = graph.Where(n => !HubComposition.Contains(n.Key))
            .SelectMany(n => n.Value.Intersect(HubComposition).Select(c => $"{n.Key} → {c}")).ToList();
        Assert.True(wrong.Count == 0, $"a feature uses the composition (take an options record of your own instead): {string.Join(", ", wrong)}");
    }

    [Fact]
    public void Guard_should_find_a_cycle_between_two_folders()
    {
        var graph = Graph("Lumen.Hub",
        [
            ("a.cs", "using Lumen.Hub.Storage;\nnamespace Lumen.Hub.Hosts;\nclass A {}"),
            ("b.cs", "namespace Lumen.Hub.Storage;\nclass B { Lumen.Hub.Hosts.Tokens.X x; }"),
            ("c.cs", "namespace Lumen.Hub.History;\nclass C { HubApp app; }"),
            ("d.cs", "namespace Lumen.Hub;\npublic static class HubApp {}"),
        ]);

        Assert.Equal(["Hosts ↔ Storage"], Cycles(graph));
        Assert.Contains("(root)", graph["History"]);
    }
}
