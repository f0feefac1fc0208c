using System.CommandLine;
using System.CommandLine.Parsing;

namespace Meditron.Cli;

/// <summary>Command-line mistakes, reported as one line each on stderr with a pointer to the command's help.</summary>
internal static class UsageErrors
{
    public static int Write(ParseResult parse)
    {
        foreach (var error in parse.Errors)
        {
            Console.Error.WriteLine($"meditron: {error.Message}");
        }
        Console.Error.WriteLine($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
        return ExitCodes.Error;
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult c; result = c.Parent)
        {
            names.Insert(0, c.Parent is null ? "meditron" : c.Command.Name);
        }
        return string.Join(' ', names);
    }
}
