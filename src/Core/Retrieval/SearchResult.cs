using System.Text.Json.Serialization;

namespace Meditron.Core.Retrieval;

/// <summary>One ranked passage, with everything a citation needs.</summary>
public sealed record SearchResult
{
    public required int Rank { get; init; }
    public required double Score { get; init; }
    public required string DocumentId { get; init; }
    public required string File { get; init; }
    public required string Title { get; init; }
    public required string Publisher { get; init; }
    public required string Edition { get; init; }
    /// <summary>1-based physical page where the passage starts.</summary>
    public required int Page { get; init; }
    public required int PageEnd { get; init; }
    /// <summary>The number printed on that page, where one could be read.</summary>
    public string? PageLabel { get; init; }
    public required string Section { get; init; }
    public required string Text { get; init; }
    public required bool Current { get; init; }
    /// <summary>Where the caller can open the page (the API's /v1/documents/{id}/content#page=N); null (and left out of the JSON) elsewhere.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }
    /// <summary>
    /// The stored vector of the passage's text alone, for the answer's evidence similarity (null: the index holds none, the
    /// passage is embedded when needed). Never serialized: it stays in the process that searched.
    /// </summary>
    [JsonIgnore]
    public float[]? TextVector { get; init; }
}
