using Meditron.Core.Retrieval;

namespace Meditron.Api.Contracts;

/// <summary>Which documents a search or an ask may draw on; empty or missing lists mean "any".</summary>
public sealed record SearchFilters
{
    public IReadOnlyList<string>? Publishers { get; init; }
    public IReadOnlyList<string>? Languages { get; init; }
    /// <summary>Guideline keys (the identity of a guideline across its editions).</summary>
    public IReadOnlyList<string>? Guidelines { get; init; }
    public IReadOnlyList<string>? DocumentIds { get; init; }
    public int? YearFrom { get; init; }
    public int? YearTo { get; init; }

    public IndexFilter ToIndexFilter() => new()
    {
        Publishers = Publishers ?? [],
        Languages = Languages ?? [],
        GuidelineKeys = Guidelines ?? [],
        DocumentIds = DocumentIds ?? [],
        YearFrom = YearFrom,
        YearTo = YearTo,
    };
}
