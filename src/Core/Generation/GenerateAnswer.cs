namespace Meditron.Core.Generation;

/// <summary>
/// Asks a generation worker for a cited answer. Carries everything the worker needs (question and
/// evidence), so that it never reaches back into retrieval or the store.
/// </summary>
public sealed record GenerateAnswer(string RequestId, string Question, IReadOnlyList<EvidencePassage> Evidence, AnswerOptions Options)
{
    /// <summary>
    /// The question's embedding, computed once by the asking side for retrieval and the evidence similarities;
    /// an engine that ranks sentences by similarity (extractive) reuses it instead of embedding the question again.
    /// </summary>
    public float[]? QuestionVector { get; init; }

    /// <summary>The embedding model of <see cref="QuestionVector"/>: a worker with another model does not reuse it.</summary>
    public string? QuestionVectorModel { get; init; }

    /// <summary>
    /// The question's words that no indexed chunk holds ("nirsevimab" in a corpus that never names it): with a weak
    /// evidence similarity, the guidelines do not cover the question. Null: not checked.
    /// </summary>
    public IReadOnlyList<string>? WordsNeverIndexed { get; init; }

    /// <summary>
    /// How much of the question's subject the evidence names, from 0 to 1: the share of its key terms, each weighted by
    /// its rarity in the corpus, that the evidence holds (the lexical abstention signal). Null: not measured.
    /// </summary>
    public double? KeyTermSupport { get; init; }
}

/// <summary>Per-request generation settings.</summary>
public sealed record AnswerOptions
{
    public int MaxTokens { get; init; } = 512;
    public int TimeoutSeconds { get; init; } = 120;
    /// <summary>ISO 639-1 language of the question when known; engines answer in it.</summary>
    public string? Language { get; init; }
    /// <summary>
    /// <see cref="AnswerEngineNames.Extractive"/> asks for the extractive engine (quoted sentences, no model) whatever
    /// engine is configured; null or <see cref="AnswerEngineNames.Default"/>: the configured engine.
    /// </summary>
    public string? Engine { get; init; }
}

/// <summary>The engine names a request may ask for.</summary>
public static class AnswerEngineNames
{
    public const string Default = "default";
    public const string Extractive = "extractive";

    public static IReadOnlyList<string> All { get; } = [Default, Extractive];
}
