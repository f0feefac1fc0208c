using Meditron.Core.Retrieval;

namespace Meditron.Api.Contracts;

/// <summary>The search JSON (as `meditron search --json`), each passage with a link to its page.</summary>
public sealed record SearchResponse(string Query, IReadOnlyList<PassageResponse> Results);

public sealed record PassageResponse
{
    public required int Rank { get; init; }
    public required double Score { get; init; }
    public required string DocumentId { get; init; }
    public required string File { get; init; }
    public required string Title { get; init; }
    public required string Publisher { get; init; }
    public required string Edition { get; init; }
    public required int Page { get; init; }
    public required int PageEnd { get; init; }
    public string? PageLabel { get; init; }
    public required string Section { get; init; }
    public required string Text { get; init; }
    public required bool Current { get; init; }
    /// <summary>The stored PDF opened at <see cref="Page"/>.</summary>
    public required string Url { get; init; }

    public static PassageResponse From(SearchResult r, string url) => new()
    {
        Rank = r.Rank,
        Score = r.Score,
        DocumentId = r.DocumentId,
        File = r.File,
        Title = r.Title,
        Publisher = r.Publisher,
        Edition = r.Edition,
        Page = r.Page,
        PageEnd = r.PageEnd,
        PageLabel = r.PageLabel,
        Section = r.Section,
        Text = r.Text,
        Current = r.Current,
        Url = url,
    };
}
