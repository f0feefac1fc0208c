namespace Meditron.Core.Generation;

/// <summary>A request of the API's async mode as the answer store knows it: pending, completed with its answer, or failed with the reason.</summary>
public sealed record AnswerEntry
{
    public required string RequestId { get; init; }
    public required AnswerStatus Status { get; init; }
    /// <summary>The checked answer; set only when <see cref="Status"/> is <see cref="AnswerStatus.Completed"/>.</summary>
    public CitedAnswer? Answer { get; init; }
    /// <summary>Why no answer came; set only when <see cref="Status"/> is <see cref="AnswerStatus.Failed"/>.</summary>
    public string? Reason { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
