namespace Meditron.Ingestion.Intake;

/// <summary>Metadata given on the command line (or an API request); each set field beats the manifest.</summary>
public sealed record MetadataOverrides
{
    public string? Publisher { get; init; }
    public string? Title { get; init; }
    public string? Edition { get; init; }
    public int? Year { get; init; }
    public string? Language { get; init; }
    public string? GuidelineKey { get; init; }
}
