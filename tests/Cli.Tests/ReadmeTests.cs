using System.CommandLine;
using System.Text.RegularExpressions;
using Meditron.Cli.Commands;
using Meditron.Ingestion.Intake;

namespace Meditron.Cli.Tests;

/// <summary>The README describes the commands the parser has, and its manifest template is one the reader takes.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Root = Repository.Root;
    private static readonly string[] Readme = File.ReadAllLines(Path.Combine(Root, "README.md"));

    [Fact]
    public void Every_command_and_option_in_a_readme_heading_exists()
    {
        var headings = Readme.Select(l => CommandHeading().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(headings);
        foreach (string heading in headings)
        {
            Command command = MeditronCommand.Create();
            foreach (string token in heading.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim('[', ']')))
            {
                if (command.Subcommands.FirstOrDefault(c => c.Name == token) is { } sub)
                {
                    command = sub;
                }
                else if (token.StartsWith("--", StringComparison.Ordinal))
                {
                    Assert.True(HasOption(command, token), $"README heading `meditron {heading}`: {command.Name} has no option {token}");
                }
            }
        }
    }

    [Fact]
    public void Every_command_is_documented_and_takes_data_and_json()
    {
        string text = string.Join('\n', Readme);
        foreach (var (path, command) in Leaves(MeditronCommand.Create(), ""))
        {
            // `meditron models list | pull NAME | verify NAME` documents three commands in one heading.
            string parent = path.Contains(' ', StringComparison.Ordinal) ? path[..path.LastIndexOf(' ')] : path;
            string leaf = path[(path.LastIndexOf(' ') + 1)..];
            Assert.True(
                text.Contains($"meditron {path}", StringComparison.Ordinal)
                || Readme.Any(l => l.StartsWith($"### `meditron {parent} ", StringComparison.Ordinal) && l.Contains($" {leaf} ", StringComparison.Ordinal)),
                $"the README does not document `meditron {path}`");
            Assert.True(command.Options.Any(o => o.Name == "--data"), $"{path} has no --data");
            Assert.True(command.Options.Any(o => o.Name == "--json"), $"{path} has no --json");
        }
    }

    [Fact]
    public void The_manifest_template_reads_as_a_manifest()
    {
        var entries = ManifestReader.Read(File.ReadAllLines(Path.Combine(Root, "docs", "MANIFEST.template.tsv")));

        Assert.NotEmpty(entries);
        Assert.All(entries.Values, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Publisher));
            Assert.False(string.IsNullOrWhiteSpace(e.GuidelineKey));
            Assert.False(string.IsNullOrWhiteSpace(e.Edition));
        });
    }

    private static bool HasOption(Command command, string name) =>
        command.Options.Any(o => o.Name == name || o.Aliases.Contains(name)) || command.Subcommands.Any(c => HasOption(c, name));

    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path)
    {
        if (command.Subcommands.Count == 0)
        {
            yield return (path.Trim(), command);
        }
        foreach (var sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, $"{path} {sub.Name}"))
            {
                yield return leaf;
            }
        }
    }

    [GeneratedRegex(@"^### `meditron (.+)`$")]
    private static partial Regex CommandHeading();
}
