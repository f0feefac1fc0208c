namespace Meditron.Api.Contracts;

/// <summary>POST /v1/ask.</summary>
public sealed record AskRequest
{
    public string? Question { get; init; }
    public SearchFilters? Filters { get; init; }
    /// <summary>Passages given to the model as evidence (default: Answer:EvidencePassages).</summary>
    public int? TopK { get; init; }
    /// <summary>ISO 639-1 language to answer in (en, fr, es); default: the question's.</summary>
    public string? Language { get; init; }
    /// <summary>"default" (the configured engine) or "extractive" (quoted sentences, no model).</summary>
    public string? Engine { get; init; }
    /// <summary>Answer later: 202 with Location /v1/answers/{id}.</summary>
    public bool Async { get; init; }
    /// <summary>Server-Sent Events: draft deltas, then the checked answer (also chosen by Accept: text/event-stream).</summary>
    public bool Stream { get; init; }
    /// <summary>Draw on superseded editions too.</summary>
    public bool IncludeSuperseded { get; init; }
    /// <summary>Answer from the editions current on this date (yyyy-MM-dd).</summary>
    public DateOnly? AsOf { get; init; }
}
