using System.Text.Json.Serialization;

namespace Meditron.Api.Integrations.Dify;

/// <summary>The answer to Dify: records, highest score first; <c>{"records": []}</c> when nothing matches.</summary>
public sealed record DifyRetrievalResponse([property: JsonPropertyName("records")] IReadOnlyList<DifyRecord> Records);

/// <summary>One passage: its text, a 0–1 score, the guideline's title and where the passage is (never a null metadata: Dify fails on it).</summary>
public sealed record DifyRecord(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("metadata")] DifyRecordMetadata Metadata);

/// <summary>The fields a metadata_condition may name, under the same names (camelCase, as in /v1/search).</summary>
public sealed record DifyRecordMetadata(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("pageLabel")] string? PageLabel,
    [property: JsonPropertyName("edition")] string Edition,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("publisher")] string Publisher,
    [property: JsonPropertyName("section")] string Section,
    [property: JsonPropertyName("documentId")] string DocumentId);

/// <summary>Dify's error body: <c>{"error_code", "error_msg"}</c>.</summary>
public sealed record DifyError(
    [property: JsonPropertyName("error_code")] int ErrorCode,
    [property: JsonPropertyName("error_msg")] string ErrorMessage)
{
    /// <summary>Invalid Authorization header format (none, or not <c>Bearer KEY</c>).</summary>
    public const int InvalidAuthorizationHeader = 1001;
    /// <summary>Authorization failed (an unknown or revoked key, or one without the ask scope).</summary>
    public const int AuthorizationFailed = 1002;
    /// <summary>The knowledge does not exist (no indexed guideline has the knowledge_id as its key).</summary>
    public const int KnowledgeNotFound = 2001;
}
