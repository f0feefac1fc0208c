namespace Meditron.Application.Feedback;

/// <summary>A clinician's rating of a kept answer as a caller sends it; the answer itself is read from the answer store.</summary>
public sealed record FeedbackSubmission
{
    public required string RequestId { get; init; }
    public required bool Helpful { get; init; }
    /// <summary>Names of <see cref="Core.Feedback.FeedbackCategories"/>.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];
    public string? Comment { get; init; }
    public string? Question { get; init; }
    /// <summary>The API key that sent it, when known.</summary>
    public string? KeyName { get; init; }
}
