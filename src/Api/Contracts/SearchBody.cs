using Meditron.Core.Retrieval;

namespace Meditron.Api.Contracts;

/// <summary>POST /v1/search.</summary>
public sealed record SearchBody
{
    public string? Query { get; init; }
    /// <summary>How many passages (1–100, default 10).</summary>
    public int? TopK { get; init; }
    /// <summary>hybrid (default), dense or bm25.</summary>
    public SearchMode? Mode { get; init; }
    public SearchFilters? Filters { get; init; }
    public bool IncludeSuperseded { get; init; }
    public DateOnly? AsOf { get; init; }
}
