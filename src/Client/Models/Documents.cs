namespace Meditron.Client.Models;

/// <summary>A document of the registry, as GET /v1/documents/{id} gives it.</summary>
public sealed record GuidelineDocument
{
    public required string DocumentId { get; init; }
    public string File { get; init; } = "";
    public string Title { get; init; } = "";
    public string Publisher { get; init; } = "";
    /// <summary>The guideline key, the same across editions.</summary>
    public string Guideline { get; init; } = "";
    public string Edition { get; init; } = "";
    public int? Year { get; init; }
    public string Language { get; init; } = "";
    /// <summary>pending, queued, processing, indexed or failed (see <see cref="DocumentStatuses"/>).</summary>
    public required string Status { get; init; }
    /// <summary>Why ingestion failed.</summary>
    public string? Reason { get; init; }
    public int Pages { get; init; }
    public int Chunks { get; init; }
    public int Attempts { get; init; }
    /// <summary>True for the current edition of its guideline.</summary>
    public bool Current { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? CurrentFrom { get; init; }
    public DateTimeOffset? SupersededAt { get; init; }
    /// <summary>The PDF, relative to the API's base address.</summary>
    public string ContentUrl { get; init; } = "";
}

public static class DocumentStatuses
{
    public const string Indexed = "indexed";
    public const string Failed = "failed";
}

/// <summary>One page of GET /v1/documents.</summary>
public sealed record DocumentList(IReadOnlyList<GuidelineDocument> Items, int Total, int Offset, int Limit);

/// <summary>The filters and paging of GET /v1/documents; null fields are left out.</summary>
public sealed record DocumentListQuery
{
    public string? Publisher { get; init; }
    public string? Guideline { get; init; }
    public string? Language { get; init; }
    public string? Status { get; init; }
    /// <summary>True: current editions only; false: superseded ones only.</summary>
    public bool? Current { get; init; }
    public int? Offset { get; init; }
    /// <summary>1–200; null: 50.</summary>
    public int? Limit { get; init; }
}

/// <summary>The optional metadata fields of an upload; each set field beats what the file name says.</summary>
public sealed record UploadMetadata
{
    public string? Publisher { get; init; }
    public string? Title { get; init; }
    public string? Edition { get; init; }
    public int? Year { get; init; }
    public string? Language { get; init; }
    /// <summary>The guideline key (letters, digits, '.', '_', '-'), the same for every edition.</summary>
    public string? Guideline { get; init; }
}

/// <summary>The answer to an upload: the document's id and its status (queued, or indexed when the same file was already there).</summary>
public sealed record UploadAccepted(string DocumentId, string Status, string StatusUrl);
