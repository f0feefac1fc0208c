using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meditron.Api.Integrations.OpenAi;

/// <summary>
/// The fields of an OpenAI chat-completion request this adapter reads; the others (temperature, tools, ...) are
/// accepted and ignored, since the answer comes from the guidelines, not from sampling settings.
/// </summary>
public sealed record ChatCompletionRequest
{
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("messages")]
    public IReadOnlyList<ChatMessageIn>? Messages { get; init; }

    [JsonPropertyName("stream")]
    public bool Stream { get; init; }
}

/// <summary>One message of the conversation: <c>content</c> is a string or an array of parts (<c>{"type":"text","text":...}</c>).</summary>
public sealed record ChatMessageIn
{
    [JsonPropertyName("role")]
    public string? Role { get; init; }

    [JsonPropertyName("content")]
    public JsonElement Content { get; init; }

    /// <summary>The text of the message: the string, or its text parts joined by new lines (images and other parts are left out).</summary>
    public string Text() => Content.ValueKind switch
    {
        JsonValueKind.String => Content.GetString() ?? "",
        JsonValueKind.Array => string.Join("\n", Content.EnumerateArray()
            .Where(part => part.ValueKind == JsonValueKind.Object
                && part.TryGetProperty("type", out var type) && type.ValueEquals("text")
                && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            .Select(part => part.GetProperty("text").GetString())),
        _ => "",
    };
}
