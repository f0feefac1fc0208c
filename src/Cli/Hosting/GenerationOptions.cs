namespace Meditron.Cli.Hosting;

public enum AnswerEngineKind
{
    /// <summary>LlamaSharp when a model file is configured, else Extractive.</summary>
    Auto,
    LlamaSharp,
    Extractive,
}

/// <summary>Which engine writes answers (configuration section "Generation").</summary>
public sealed class GenerationOptions
{
    public const string SectionName = "Generation";

    public AnswerEngineKind Engine { get; set; } = AnswerEngineKind.Auto;
}
