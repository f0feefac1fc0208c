using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meditron.Api.Integrations.Dify;

/// <summary>The body Dify sends to an external knowledge base's POST /retrieval.</summary>
public sealed record DifyRetrievalRequest
{
    /// <summary>A guideline key (the identity of a guideline across its editions), or <c>all</c>.</summary>
    [JsonPropertyName("knowledge_id")]
    public string? KnowledgeId { get; init; }

    [JsonPropertyName("query")]
    public string? Query { get; init; }

    [JsonPropertyName("retrieval_setting")]
    public DifyRetrievalSetting? RetrievalSetting { get; init; }

    [JsonPropertyName("metadata_condition")]
    public DifyMetadataCondition? MetadataCondition { get; init; }
}

public sealed record DifyRetrievalSetting
{
    [JsonPropertyName("top_k")]
    public int? TopK { get; init; }

    /// <summary>The lowest score (0 to 1) a record may have; 0 when the threshold is off in Dify.</summary>
    [JsonPropertyName("score_threshold")]
    public double? ScoreThreshold { get; init; }
}

public sealed record DifyMetadataCondition
{
    /// <summary><c>and</c> (the default) or <c>or</c>.</summary>
    [JsonPropertyName("logical_operator")]
    public string? LogicalOperator { get; init; }

    [JsonPropertyName("conditions")]
    public IReadOnlyList<DifyCondition>? Conditions { get; init; }
}

/// <summary>One condition: <c>name</c> is a metadata field (a string, or an array of them: any may match), <c>value</c> a string, number or array.</summary>
public sealed record DifyCondition
{
    [JsonPropertyName("name")]
    public JsonElement Name { get; init; }

    [JsonPropertyName("comparison_operator")]
    public string? ComparisonOperator { get; init; }

    [JsonPropertyName("value")]
    public JsonElement Value { get; init; }
}
