using System.Text.Json.Serialization;
using Meditron.Core.Generation;

namespace Meditron.Api.Integrations.OpenAi;

/// <summary>
/// OpenAI's chat-completion objects (snake_case by attribute, so the citations inside keep the camelCase of /v1/ask).
/// <c>model</c> echoes the id asked for; <c>system_fingerprint</c> names the engine that answered.
/// </summary>
public sealed record ChatCompletion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("system_fingerprint")] string? SystemFingerprint,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChatChoice> Choices)
{
    [JsonPropertyName("object")]
    public string Kind => "chat.completion";
}

public sealed record ChatChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("message")] ChatMessageOut Message,
    [property: JsonPropertyName("finish_reason")] string FinishReason);

/// <summary>The assistant's message; <see cref="Citations"/> and <see cref="Abstained"/> are Meditron's additions.</summary>
public sealed record ChatMessageOut(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("citations")] IReadOnlyList<Citation> Citations,
    [property: JsonPropertyName("abstained")] bool Abstained)
{
    [JsonPropertyName("role")]
    public string Role => "assistant";

    [JsonPropertyName("refusal")]
    public string? Refusal => null;
}

public sealed record ChatCompletionChunk(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("system_fingerprint")] string? SystemFingerprint,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChatChunkChoice> Choices)
{
    [JsonPropertyName("object")]
    public string Kind => "chat.completion.chunk";
}

public sealed record ChatChunkChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("delta")] ChatDelta Delta,
    [property: JsonPropertyName("finish_reason")] string? FinishReason);

/// <summary>A streamed piece of the message; null fields are left out, as OpenAI's deltas do.</summary>
public sealed record ChatDelta
{
    [JsonPropertyName("role")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Role { get; init; }

    [JsonPropertyName("content")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Content { get; init; }

    [JsonPropertyName("citations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Citation>? Citations { get; init; }

    [JsonPropertyName("abstained")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Abstained { get; init; }
}

public sealed record ModelList([property: JsonPropertyName("data")] IReadOnlyList<ModelCard> Data)
{
    [JsonPropertyName("object")]
    public string Kind => "list";
}

public sealed record ModelCard(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created)
{
    [JsonPropertyName("object")]
    public string Kind => "model";

    [JsonPropertyName("owned_by")]
    public string OwnedBy => "meditron";
}
