namespace Meditron.Ingestion.Intake;

/// <summary>One row of a MANIFEST.tsv: the metadata of one file in its folder.</summary>
public sealed record ManifestEntry(
    string File,
    string? Publisher,
    string? Title,
    int? Year,
    string? Language,
    string? GuidelineKey,
    string? Edition);
