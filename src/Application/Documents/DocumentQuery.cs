using Meditron.Core.Documents;

namespace Meditron.Application.Documents;

/// <summary>
/// Which documents of the registry to list, and which page of them. Publisher, guideline key and language match
/// exactly, ignoring case (as the search filters do); a null filter matches everything.
/// </summary>
public sealed record DocumentQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public string? Publisher { get; init; }
    public string? GuidelineKey { get; init; }
    public string? Language { get; init; }
    public DocumentStatus? Status { get; init; }
    /// <summary>True: current editions only; false: only those that are not current.</summary>
    public bool? Current { get; init; }
    /// <summary>How many matching documents to skip (0 or more).</summary>
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

    public bool Matches(DocumentRecord document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Same(Publisher, document.Metadata.Publisher)
            && Same(GuidelineKey, document.Metadata.GuidelineKey)
            && Same(Language, document.Metadata.Language)
            && (Status is null || Status == document.Status)
            && (Current is null || Current == document.Current);
    }

    private static bool Same(string? wanted, string value) =>
        wanted is null || string.Equals(wanted, value, StringComparison.OrdinalIgnoreCase);
}
