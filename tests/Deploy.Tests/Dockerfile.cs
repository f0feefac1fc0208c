using System.Text.RegularExpressions;

namespace Meditron.Deploy.Tests;

/// <summary>A Dockerfile read as its instructions (continuation lines joined, comments dropped).</summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<(string Keyword, string Arguments)> instructions)
    {
        Path = path;
        Instructions = instructions;
    }

    public string Path { get; }

    public IReadOnlyList<(string Keyword, string Arguments)> Instructions { get; }

    public IEnumerable<string> All(string keyword) =>
        Instructions.Where(i => string.Equals(i.Keyword, keyword, StringComparison.OrdinalIgnoreCase)).Select(i => i.Arguments);

    public static Dockerfile Read(string path)
    {
        var instructions = new List<(string, string)>();
        string pending = "";
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            string whole = pending + line;
            pending = "";
            var match = Instruction().Match(whole);
            instructions.Add((match.Groups[1].Value.ToUpperInvariant(), match.Groups[2].Value.Trim()));
        }
        return new Dockerfile(path, instructions);
    }

    [GeneratedRegex(@"^(\S+)\s*(.*)$")]
    private static partial Regex Instruction();
}
