using System.CommandLine;
using Meditron.Cli.Answering;
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
        var question = new Argument<string>("QUESTION") { Description = "The question, in English, French or Spanish." };
        var topK = new Option<int>("--top-k") { Description = "Passages given as evidence (default 5).", DefaultValueFactory = _ => 5, HelpName = "N" };
        var model = new Option<FileInfo?>("--model") { Description = "A GGUF model file (Meditron): answers with LlamaSharp instead of the extractive engine.", HelpName = "PATH" };
        var engine = new Option<AnswerEngineKind?>("--engine") { Description = "auto (default), llamasharp, openai (a server set by Generation:OpenAi:Endpoint and Model) or extractive." };
        var stream = new Option<bool?>("--stream") { Description = "Print the draft as it is written, before the checked answer (default: when the output is a terminal; never with --json)." };
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("ask", "Answer a question from the ingested guidelines, citing guideline, edition and page.") { question, topK, model, engine, stream, data, json, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(model) is { } file)
            {
                overrides["Generation:Llama:ModelPath"] = file.FullName;
            }
            if (parse.GetValue(engine) is { } kind)
            {
                overrides["Generation:Engine"] = kind.ToString();
            }
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken, overrides);
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
