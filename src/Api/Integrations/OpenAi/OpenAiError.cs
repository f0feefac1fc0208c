using System.Text.Json.Serialization;

namespace Meditron.Api.Integrations.OpenAi;

/// <summary>OpenAI's error body: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
public sealed record OpenAiError(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("param")] string? Param,
    [property: JsonPropertyName("code")] string? Code)
{
    public const string InvalidRequest = "invalid_request_error";
    public const string ServerError = "server_error";

    public static OpenAiErrorBody Body(string message, string type, string? param, string? code) => new(new OpenAiError(message, type, param, code));
}

public sealed record OpenAiErrorBody([property: JsonPropertyName("error")] OpenAiError Error);
