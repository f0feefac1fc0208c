using System.CommandLine;
using Meditron.Cli;
using Meditron.Cli.Commands;
using Meditron.Core.Retrieval;
using Microsoft.Extensions.Options;

// Errors reach the user as one line on stderr (the stack trace only with --verbose), never as a crash dump.
var parse = MeditronCommand.Create().Parse(args);
if (parse.Errors.Count > 0)
{
    return UsageErrors.Write(parse);
}
try
{
    // SIGTERM cancels the command's token; a worker then finishes or requeues its message (Workers:StopTimeoutSeconds).
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromMinutes(5) });
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("meditron: cancelled");
    return 130;
}
catch (OptionsValidationException e)
{
    await Console.Error.WriteLineAsync($"meditron: invalid configuration: {string.Join(" ", e.Failures)}");
    return ExitCodes.InvalidConfiguration;
}
catch (NothingIndexedException e)
{
    await Console.Error.WriteLineAsync($"meditron: {e.Message}");
    return ExitCodes.NothingIndexed;
}
catch (IndexNotInitializedException e)
{
    // A Qdrant collection that does not exist yet: nothing was ingested there (or the collection name is mistyped).
    await Console.Error.WriteLineAsync($"meditron: {e.Message}");
    return ExitCodes.NothingIndexed;
}
catch (EmbeddingModelMismatchException e)
{
    // Names both models and what to do; nothing was written.
    await Console.Error.WriteLineAsync($"meditron: {e.Message}");
    return ExitCodes.EmbeddingModelMismatch;
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync($"meditron: {e.Message}");
    if (args.Contains("--verbose") || args.Contains("-v"))
    {
        await Console.Error.WriteLineAsync(e.ToString());
    }
    return ExitCodes.Error;
}
