using Meditron.Core.Generation;

namespace Meditron.Core.Feedback;

/// <summary>
/// A clinician's rating of one kept answer: whether it helped, what was wrong, and a snapshot of the question and the
/// cited answer as they were rated (a later ask may answer differently, so the review reads what the clinician read).
/// One request may be rated several times (a reviewer changes their mind); each rating is its own entry.
/// </summary>
public sealed record FeedbackEntry
{
    /// <summary>Longest comment kept, in characters.</summary>
    public const int MaxCommentCharacters = 2000;

    /// <summary>A new id ("N" format; version 7, so ids made later sort later).</summary>
    public required string Id { get; init; }

    /// <summary>The ask that was rated (<see cref="CitedAnswer.RequestId"/>).</summary>
    public required string RequestId { get; init; }

    public required bool Helpful { get; init; }

    /// <summary>A subset of <see cref="FeedbackCategories.All"/>, in that order.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public string? Comment { get; init; }

    /// <summary>The question as the clinician asked it; null when the caller did not send it (the answer store keeps none).</summary>
    public string? Question { get; init; }

    /// <summary>The answer as it was kept for the request: text, citations (document, page, quote) and model.</summary>
    public required CitedAnswer Answer { get; init; }

    /// <summary><see cref="AnswerEngineNames.Extractive"/> or <see cref="AnswerEngineNames.Default"/>: which kind of engine wrote the answer.</summary>
    public required string Engine { get; init; }

    /// <summary>The answer's model (<see cref="CitedAnswer.Model"/>), kept apart so reviews can group by it.</summary>
    public required string Model { get; init; }

    /// <summary>The name of the API key that sent the rating; null when not known.</summary>
    public string? KeyName { get; init; }

    /// <summary>When the rating was stored; a default value becomes the store's now.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The engine name of an answer: the extractive engine signs its answers with its own name as the model.</summary>
    public static string EngineOf(CitedAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return string.Equals(answer.Model, AnswerEngineNames.Extractive, StringComparison.Ordinal) ? AnswerEngineNames.Extractive : AnswerEngineNames.Default;
    }

    public static string NewId() => Guid.CreateVersion7().ToString("N");
}
