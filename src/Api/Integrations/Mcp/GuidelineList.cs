using Meditron.Core.Documents;

namespace Meditron.Api.Integrations.Mcp;

/// <summary>The structured content of list_guidelines: the current edition of each indexed guideline.</summary>
public sealed record GuidelineList(IReadOnlyList<GuidelineEntry> Guidelines);

public sealed record GuidelineEntry
{
    /// <summary>The guideline's key across its editions (what the filters of search_guidelines take).</summary>
    public required string Guideline { get; init; }
    public required string Title { get; init; }
    public required string Publisher { get; init; }
    public required string Edition { get; init; }
    public int? Year { get; init; }
    public required string Language { get; init; }
    public required string DocumentId { get; init; }
    public int Pages { get; init; }
    /// <summary>Opens the document at its first page.</summary>
    public required string Url { get; init; }

    public static GuidelineEntry From(DocumentRecord d, string url) => new()
    {
        Guideline = d.Metadata.GuidelineKey,
        Title = d.Metadata.Title,
        Publisher = d.Metadata.Publisher,
        Edition = d.Metadata.Edition,
        Year = d.Metadata.Year,
        Language = d.Metadata.Language,
        DocumentId = d.DocumentId,
        Pages = d.Pages,
        Url = url,
    };
}
