using System.CommandLine;
using Meditron.Cli.Commands;
using Microsoft.Extensions.Options;

// Errors reach the user as one line on stderr (the stack trace only with --verbose), never as a crash dump.
var parse = MeditronCommand.Create().Parse(args);
try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("meditron: cancelled");
    return 130;
}
catch (OptionsValidationException e)
{
    await Console.Error.WriteLineAsync($"meditron: invalid configuration: {string.Join(" ", e.Failures)}");
    return 3;
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync($"meditron: {e.Message}");
    if (args.Contains("--verbose") || args.Contains("-v"))
    {
        await Console.Error.WriteLineAsync(e.ToString());
    }
    return 1;
}
