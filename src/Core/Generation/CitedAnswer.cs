using System.Text.Json.Serialization;

namespace Meditron.Core.Generation;

/// <summary>The checked, cited answer (DESIGN.md §5): every [n] in <see cref="Answer"/> resolves to a citation.</summary>
public sealed record CitedAnswer
{
    /// <summary>
    /// The ask's id: GET /v1/answers/{id} fetches the answer again and POST /v1/answers/{id}/feedback rates it. Set where
    /// the answer is kept (the ask path); null (and left out of the JSON) on an answer not kept.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestId { get; init; }

    public required string Answer { get; init; }
    public bool Abstained { get; init; }
    /// <summary>Why it abstained: "no_evidence", "not_covered", "unsupported", "timeout"; null when it answered.</summary>
    public string? Reason { get; init; }
    public IReadOnlyList<Citation> Citations { get; init; } = [];
    public required string Model { get; init; }
    public AnswerTimings Timings { get; init; } = new();
}

public sealed record Citation
{
    public required int N { get; init; }
    public required string DocumentId { get; init; }
    public required string Title { get; init; }
    public required string Publisher { get; init; }
    public required string Edition { get; init; }
    public required string File { get; init; }
    /// <summary>1-based physical page where the cited passage starts.</summary>
    public required int Page { get; init; }
    /// <summary>Where the cited passage ends (a passage may run onto the next page).</summary>
    public int PageEnd { get; init; }
    /// <summary>The number printed on <see cref="Page"/>, where one could be read.</summary>
    public string? PageLabel { get; init; }
    public required string Section { get; init; }
    /// <summary>The sentence of the passage that best supports the cited claim.</summary>
    public required string Quote { get; init; }
    public double Score { get; init; }
    /// <summary>
    /// Where the caller can open the cited page (the API's /v1/documents/{id}/content#page=N); null (and left out of the
    /// JSON) where there is no such address, as in the CLI.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }
}

public sealed record AnswerTimings
{
    public long RetrievalMs { get; init; }
    public long GenerationMs { get; init; }
}
