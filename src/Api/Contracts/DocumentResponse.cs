using Meditron.Api.Answers;
using Meditron.Core.Documents;

namespace Meditron.Api.Contracts;

/// <summary>One document of the registry: its metadata, where ingestion stands (and why it failed), and whether it is the current edition.</summary>
public sealed record DocumentResponse
{
    public required string DocumentId { get; init; }
    public required string File { get; init; }
    public required string Title { get; init; }
    public required string Publisher { get; init; }
    public required string Guideline { get; init; }
    public required string Edition { get; init; }
    public int? Year { get; init; }
    public required string Language { get; init; }
    /// <summary>pending, queued, processing, indexed or failed.</summary>
    public required string Status { get; init; }
    public string? Reason { get; init; }
    public int Pages { get; init; }
    public int Chunks { get; init; }
    public int Attempts { get; init; }
    public bool Current { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? CurrentFrom { get; init; }
    public DateTimeOffset? SupersededAt { get; init; }
    public required string ContentUrl { get; init; }

    public static DocumentResponse From(DocumentRecord d) => new()
    {
        DocumentId = d.DocumentId,
        File = d.File,
        Title = d.Metadata.Title,
        Publisher = d.Metadata.Publisher,
        Guideline = d.Metadata.GuidelineKey,
        Edition = d.Metadata.Edition,
        Year = d.Metadata.Year,
        Language = d.Metadata.Language,
        Status = d.Status.ToString().ToLowerInvariant(),
        Reason = d.Reason,
        Pages = d.Pages,
        Chunks = d.Chunks,
        Attempts = d.Attempts,
        Current = d.Current,
        CreatedAt = d.CreatedAt,
        UpdatedAt = d.UpdatedAt,
        CurrentFrom = d.CurrentFrom,
        SupersededAt = d.SupersededAt,
        ContentUrl = CitationLinks.ContentPath(d.DocumentId),
    };
}

/// <summary>GET /v1/documents: one page of the matching documents.</summary>
public sealed record DocumentListResponse(IReadOnlyList<DocumentResponse> Items, int Total, int Offset, int Limit);

/// <summary>202 of POST /v1/documents: the document's id and where to follow its ingestion.</summary>
public sealed record DocumentAccepted(string DocumentId, string Status, string StatusUrl);
