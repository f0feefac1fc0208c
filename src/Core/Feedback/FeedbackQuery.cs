namespace Meditron.Core.Feedback;

/// <summary>Which feedback entries to list, and which page of them; a null filter matches everything.</summary>
public sealed record FeedbackQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Entries stored at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Entries that name this category (one of <see cref="FeedbackCategories.All"/>).</summary>
    public string? Category { get; init; }

    public bool? Helpful { get; init; }

    /// <summary>Entries about this request.</summary>
    public string? RequestId { get; init; }

    /// <summary>How many matching entries to skip (0 or more).</summary>
    public int Offset { get; init; }

    /// <summary>How many to return at most, 1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <exception cref="ArgumentOutOfRangeException">The offset is negative or the limit outside 1..<see cref="MaxLimit"/>.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Offset, nameof(Offset));
        ArgumentOutOfRangeException.ThrowIfLessThan(Limit, 1, nameof(Limit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Limit, MaxLimit, nameof(Limit));
    }
}
