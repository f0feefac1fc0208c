using Meditron.Core.Generation;
using Meditron.Generation;
using Meditron.Generation.Llama;
using Meditron.Generation.OpenAi;

namespace Meditron.Api.Integrations.OpenAi;

/// <summary>
/// The model ids a chat request may name: <see cref="Guidelines"/> (the configured engine), that engine's own name
/// (as in an answer's "model": <c>extractive</c>, <c>llamasharp:FILE.gguf</c>, <c>openai:MODEL</c>) and
/// <c>extractive</c> (quoted sentences, no model, whatever is configured), as /v1/ask's <c>engine</c> allows.
/// </summary>
public sealed class ChatModels
{
    public const string Guidelines = "meditron-guidelines";

    /// <summary>When the server started: the <c>created</c> time of every listed model.</summary>
    public long Created { get; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public IReadOnlyList<string> Ids { get; }

    private readonly string _engineName;

    public ChatModels(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _engineName = ConfiguredEngineName(configuration);
        Ids = new[] { Guidelines, _engineName, AnswerEngineNames.Extractive }.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The /v1/ask engine a model id asks for (null: the configured one); false when the id is not one of <see cref="Ids"/>.</summary>
    public bool TryEngineFor(string? model, out string? engine)
    {
        engine = null;
        if (string.IsNullOrWhiteSpace(model) || IsOne(model, Guidelines) || IsOne(model, _engineName))
        {
            return true; // no model named: the guidelines, as a bot configured for this server means
        }
        if (IsOne(model, AnswerEngineNames.Extractive))
        {
            engine = AnswerEngineNames.Extractive;
            return true;
        }
        return false;
    }

    private static bool IsOne(string model, string id) => string.Equals(model.Trim(), id, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The configured engine's name as the engine itself reports it (IAnswerEngine.Name), read from the configuration so
    /// that listing models never loads a model (with RabbitMQ the workers' configuration decides; this is the API's).
    /// </summary>
    private static string ConfiguredEngineName(IConfiguration configuration)
    {
        var engine = configuration.GetSection(GenerationOptions.SectionName).Get<GenerationOptions>()?.Engine ?? AnswerEngineKind.Auto;
        string modelPath = configuration[$"{LlamaOptions.SectionName}:{nameof(LlamaOptions.ModelPath)}"] ?? "";
        return engine switch
        {
            AnswerEngineKind.OpenAi => $"openai:{configuration[$"{OpenAiOptions.SectionName}:{nameof(OpenAiOptions.Model)}"]}",
            AnswerEngineKind.LlamaSharp => $"llamasharp:{Path.GetFileName(modelPath)}",
            AnswerEngineKind.Auto when modelPath.Length > 0 => $"llamasharp:{Path.GetFileName(modelPath)}",
            _ => AnswerEngineNames.Extractive,
        };
    }
}
