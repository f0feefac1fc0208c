using Meditron.Application.Ingesting;

namespace Meditron.Cli.Output;

/// <summary>The JSON printed by `meditron ingest --json`.</summary>
internal sealed record IngestReport(
    int Documents,
    int Indexed,
    int Skipped,
    int Failed,
    int Queued,
    int Pages,
    int Chunks,
    double Seconds,
    IReadOnlyList<IngestFileReport> Files);
