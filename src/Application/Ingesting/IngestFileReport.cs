namespace Meditron.Application.Ingesting;

/// <summary>What became of one file given to ingestion (the `files` items of `ingest --json`).</summary>
public sealed record IngestFileReport(string File, string? DocumentId, string Status, int Pages, int Chunks, string? Error)
{
    public const string IndexedStatus = "indexed";
    public const string SkippedStatus = "skipped";
    /// <summary>`ingest --enqueue`: stored, registered and published for the ingestion workers.</summary>
    public const string QueuedStatus = "queued";
    public const string FailedStatus = "failed";
}
