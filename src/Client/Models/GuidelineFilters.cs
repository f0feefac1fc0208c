namespace Meditron.Client.Models;

/// <summary>Which documents an ask or a search may draw on; empty or missing lists mean "any".</summary>
public sealed record GuidelineFilters
{
    public IReadOnlyList<string>? Publishers { get; init; }
    /// <summary>ISO 639-1 codes (en, fr, es).</summary>
    public IReadOnlyList<string>? Languages { get; init; }
    /// <summary>Guideline keys (a guideline's identity across its editions).</summary>
    public IReadOnlyList<string>? Guidelines { get; init; }
    public IReadOnlyList<string>? DocumentIds { get; init; }
    public int? YearFrom { get; init; }
    public int? YearTo { get; init; }
}
