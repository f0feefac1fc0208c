namespace Meditron.Api.Contracts;

/// <summary>POST /v1/answers/{requestId}/feedback. The answer rated is the one kept for the request, never sent by the caller.</summary>
public sealed record FeedbackRequest
{
    /// <summary>Whether the answer helped (required).</summary>
    public bool? Helpful { get; init; }
    /// <summary>What was wrong: wrong_page, outdated, unsafe, incomplete, not_relevant.</summary>
    public IReadOnlyList<string>? Categories { get; init; }
    public string? Comment { get; init; }
    /// <summary>The question as it was asked (the answer store keeps none), so a review reads it beside the answer.</summary>
    public string? Question { get; init; }
}
