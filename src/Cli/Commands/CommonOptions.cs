using System.CommandLine;

namespace Meditron.Cli.Commands;

/// <summary>Options every command takes (DESIGN.md §5).</summary>
internal static class CommonOptions
{
    public static Option<string?> Data() => new("--data")
    {
        Description = "Data directory (default: $MEDITRON_DATA, else ./data).",
        HelpName = "DIR",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print one JSON document on stdout and nothing else there.",
    };

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Log progress details to stderr.",
    };
}
