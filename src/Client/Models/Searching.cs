namespace Meditron.Client.Models;

/// <summary>The body of POST /v1/search.</summary>
public sealed record SearchQuery
{
    public required string Query { get; init; }
    /// <summary>How many passages (1–100); null: 10.</summary>
    public int? TopK { get; init; }
    /// <summary>hybrid (default), dense or bm25.</summary>
    public string? Mode { get; init; }
    public GuidelineFilters? Filters { get; init; }
    public bool IncludeSuperseded { get; init; }
    public DateOnly? AsOf { get; init; }
}

public sealed record SearchResults(string Query, IReadOnlyList<GuidelinePassage> Results);

/// <summary>One ranked passage with everything a citation needs.</summary>
public sealed record GuidelinePassage
{
    public required int Rank { get; init; }
    public double Score { get; init; }
    public required string DocumentId { get; init; }
    public string File { get; init; } = "";
    public required string Title { get; init; }
    public string Publisher { get; init; } = "";
    public required string Edition { get; init; }
    public required int Page { get; init; }
    public int PageEnd { get; init; }
    public string? PageLabel { get; init; }
    public string Section { get; init; } = "";
    public required string Text { get; init; }
    /// <summary>False for a passage of a superseded edition.</summary>
    public bool Current { get; init; }
    public string? Url { get; init; }
}
