namespace Meditron.Core.Documents;

/// <summary>What the operator says about a guideline file (flags or MANIFEST.tsv).</summary>
public sealed record DocumentMetadata
{
    public required string Title { get; init; }
    public required string GuidelineKey { get; init; }
    public required string Edition { get; init; }
    public string Publisher { get; init; } = "";
    public int? Year { get; init; }
    public string Language { get; init; } = "en";
}
