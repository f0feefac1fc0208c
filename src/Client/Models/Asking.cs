namespace Meditron.Client.Models;

/// <summary>The body of POST /v1/ask (without async or stream: the client's methods choose those).</summary>
public sealed record AskQuestion
{
    public required string Question { get; init; }
    public GuidelineFilters? Filters { get; init; }
    /// <summary>Passages given to the engine as evidence (1–50); null: the server's default.</summary>
    public int? TopK { get; init; }
    /// <summary>ISO 639-1 language to answer in; null: the question's.</summary>
    public string? Language { get; init; }
    /// <summary>"default" (the server's engine) or "extractive" (quoted sentences, no model).</summary>
    public string? Engine { get; init; }
    public bool IncludeSuperseded { get; init; }
    public DateOnly? AsOf { get; init; }
}

/// <summary>The checked, cited answer: every [n] in <see cref="Answer"/> resolves to one of <see cref="Citations"/>.</summary>
public sealed record GuidelineAnswer
{
    public required string Answer { get; init; }
    /// <summary>True when the guidelines do not cover the question: <see cref="Answer"/> says so and nothing is cited.</summary>
    public bool Abstained { get; init; }
    /// <summary>Why it abstained: no_evidence, not_covered, unsupported, timeout; null when it answered.</summary>
    public string? Reason { get; init; }
    public IReadOnlyList<GuidelineCitation> Citations { get; init; } = [];
    public string Model { get; init; } = "";
    public AnswerTimings? Timings { get; init; }
}

public sealed record GuidelineCitation
{
    public required int N { get; init; }
    public required string DocumentId { get; init; }
    public required string Title { get; init; }
    public string Publisher { get; init; } = "";
    public required string Edition { get; init; }
    public string File { get; init; } = "";
    /// <summary>1-based page of the PDF where the cited passage starts.</summary>
    public required int Page { get; init; }
    public int PageEnd { get; init; }
    /// <summary>The number printed on that page, where one could be read.</summary>
    public string? PageLabel { get; init; }
    public string Section { get; init; } = "";
    /// <summary>The sentence of the guideline that supports the claim.</summary>
    public required string Quote { get; init; }
    public double Score { get; init; }
    /// <summary>Opens the PDF at the cited page.</summary>
    public string? Url { get; init; }
}

public sealed record AnswerTimings(long RetrievalMs, long GenerationMs);

/// <summary>One event of a streamed ask: draft text as it is written, then the checked answer (last).</summary>
public sealed record AnswerStreamEvent
{
    /// <summary>Unchecked draft text (a <c>delta</c> event); null on the last event.</summary>
    public string? Delta { get; init; }
    /// <summary>The checked, cited answer (the <c>answer</c> event, the last one); null on deltas.</summary>
    public GuidelineAnswer? Answer { get; init; }
}
