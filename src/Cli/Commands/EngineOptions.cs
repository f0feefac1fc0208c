using System.CommandLine;
using Meditron.Generation;

namespace Meditron.Cli.Commands;

/// <summary>The answer-engine flags shared by `ask` and `eval answers`: they override configuration.</summary>
internal sealed class EngineOptions
{
    public Option<FileInfo?> Model { get; } = new("--model") { Description = "A GGUF model file (Meditron): answers with LlamaSharp instead of the extractive engine.", HelpName = "PATH" };
    public Option<AnswerEngineKind?> Engine { get; } = CliValues.OptionalChoice<AnswerEngineKind>("--engine", "auto (default), llamasharp, openai (a server set by Generation:OpenAi:Endpoint and Model) or extractive.");

    public IEnumerable<Option> All => [Model, Engine];

    /// <summary>Configuration overrides for the host.</summary>
    public Dictionary<string, string?> Overrides(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(Model) is { } file)
        {
            overrides["Generation:Llama:ModelPath"] = file.FullName;
        }
        if (parse.GetValue(Engine) is { } kind)
        {
            overrides["Generation:Engine"] = kind.ToString();
        }
        return overrides;
    }
}
