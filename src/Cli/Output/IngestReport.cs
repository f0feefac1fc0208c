namespace Meditron.Cli.Output;

/// <summary>The JSON printed by `meditron ingest --json`.</summary>
internal sealed record IngestReport(
    int Documents,
    int Indexed,
    int Skipped,
    int Failed,
    int Pages,
    int Chunks,
    double Seconds,
    IReadOnlyList<IngestFileReport> Files);

internal sealed record IngestFileReport(string File, string? DocumentId, string Status, int Pages, int Chunks, string? Error)
{
    public const string IndexedStatus = "indexed";
    public const string SkippedStatus = "skipped";
    public const string FailedStatus = "failed";
}
