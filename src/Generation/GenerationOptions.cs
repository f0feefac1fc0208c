namespace Meditron.Generation;

public enum AnswerEngineKind
{
    /// <summary>LlamaSharp when a model file is configured, else Extractive.</summary>
    Auto,
    LlamaSharp,
    /// <summary>An OpenAI-compatible server (vLLM, llama.cpp server, Ollama); section "Generation:OpenAi".</summary>
    OpenAi,
    Extractive,
}

/// <summary>Which engine writes answers (configuration section "Generation").</summary>
public sealed class GenerationOptions
{
    public const string SectionName = "Generation";

    public AnswerEngineKind Engine { get; set; } = AnswerEngineKind.Auto;
}
