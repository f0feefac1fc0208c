namespace Meditron.Core.Documents;

/// <summary>One row of the document registry: one ingested file, one edition of a guideline.</summary>
public sealed record DocumentRecord
{
    public required string DocumentId { get; init; }
    public required string File { get; init; }
    public required string Sha256 { get; init; }
    public required string ContentRef { get; init; }
    public required DocumentMetadata Metadata { get; init; }
    public DocumentStatus Status { get; init; }
    public string? Reason { get; init; }
    public int Pages { get; init; }
    public int Chunks { get; init; }
    /// <summary>How many times ingestion of this document started (redeliveries included).</summary>
    public int Attempts { get; init; }
    /// <summary>True for the newest indexed edition of its guideline key.</summary>
    public bool Current { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>When this edition became current; null while it never was.</summary>
    public DateTimeOffset? CurrentFrom { get; init; }
    /// <summary>When a newer edition replaced it; null while current or never current.</summary>
    public DateTimeOffset? SupersededAt { get; init; }
}
