namespace Meditron.Cli.Output;

/// <summary>The JSON printed by `meditron documents --json`.</summary>
internal sealed record DocumentsReport(IReadOnlyList<DocumentEntry> Documents);

internal sealed record DocumentEntry(
    string DocumentId,
    string File,
    string Guideline,
    string Edition,
    string Publisher,
    string Title,
    string Language,
    string Status,
    string? Reason,
    int Pages,
    int Chunks,
    bool Current,
    int Attempts);
