using System.CommandLine;
using Meditron.Application.Answering;
using Meditron.Cli.Hosting;
using Meditron.Cli.Output;
using Meditron.Core.Generation;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Cli.Commands;

/// <summary>`meditron ask "QUESTION"`: a cited answer, or a plain statement that the guidelines do not cover it.</summary>
internal static class AskCommand
{
    public static Command Create()
    {
        var question = CliValues.Text("QUESTION", "The question, in English, French or Spanish.", "the question to answer");
        var topK = CliValues.OptionalCount("--top-k", "Passages given as evidence (default: Answer:EvidencePassages, 8).");
        var engine = new EngineOptions();
        var stream = new Option<bool?>("--stream") { Description = "Print the draft as it is written, before the checked answer (default: when the output is a terminal; never with --json)." };
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("ask", "Answer a question from the ingested guidelines, citing guideline, edition and page.") { question, topK, stream, data, json, verbose };
        foreach (var option in engine.All)
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken, engine.Overrides(parse), StoreAccess.ReadIndexed);
            var ask = host.Services.GetRequiredService<AskService>();
            var prepared = await ask.PrepareAsync(parse.GetValue(question)!, parse.GetValue(topK), new AnswerOptions(), cancellationToken);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(await ask.AnswerAsync(prepared, cancellationToken));
                return 0;
            }

            if (parse.GetValue(stream) ?? !Console.IsOutputRedirected)
            {
                await AnswerStreamWriter.WriteAsync(ask.StreamAsync(prepared, cancellationToken), cancellationToken);
            }
            else
            {
                AnswerConsole.WriteAfterDraft(await ask.AnswerAsync(prepared, cancellationToken), draft: string.Empty);
            }
            return 0;
        });
        return command;
    }
}
