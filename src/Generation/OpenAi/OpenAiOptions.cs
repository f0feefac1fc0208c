using System.ComponentModel.DataAnnotations;

namespace Meditron.Generation.OpenAi;

/// <summary>
/// Settings of the engine that answers through an OpenAI-compatible chat-completions server (vLLM,
/// llama.cpp server, Ollama); configuration section "Generation:OpenAi".
/// </summary>
public sealed class OpenAiOptions : IValidatableObject
{
    public const string SectionName = "Generation:OpenAi";

    /// <summary>The server's OpenAI base URL, up to and including "/v1", e.g. http://localhost:8000/v1.</summary>
    [Required]
    public string Endpoint { get; set; } = "";

    /// <summary>The model name the server knows (vLLM: the served model name; Ollama: e.g. "llama3.1:8b").</summary>
    [Required]
    public string Model { get; set; } = "";

    /// <summary>Sent as "Authorization: Bearer"; optional because local servers accept any key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The model's context window in tokens, the evidence is fitted into it (with the answer's MaxTokens kept
    /// free). The server's tokenizer is not available here, so prompts are measured with a conservative
    /// estimate (one token per 3 UTF-8 bytes, see <see cref="TokenEstimate"/>): set this to the window the
    /// server was started with (vLLM --max-model-len, llama.cpp -c, Ollama num_ctx).
    /// </summary>
    [Range(256, 1_048_576)]
    public int ContextTokens { get; set; } = 4096;

    /// <summary>Sampling temperature; low keeps the answer close to the evidence.</summary>
    [Range(0.0, 2.0)]
    public float Temperature { get; set; } = 0.2f;

    /// <summary>
    /// The longest wait for the server to start answering or to send the next piece of a streamed answer.
    /// The whole answer is still bounded by the request's own timeout (Answer options).
    /// </summary>
    [Range(1, 3600)]
    public int RequestTimeoutSeconds { get; set; } = 120;

    /// <summary>Retries of a request that failed transiently (connection refused, 408, 429, 500, 502, 503, 504), with backoff.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// Also send the answer-length limit as "max_tokens" besides "max_completion_tokens": older llama.cpp
    /// servers and Ollama's compatibility layer only read the former. Turn off for servers that reject it.
    /// </summary>
    public bool SendMaxTokens { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Endpoint)
            && (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult(
                $"Generation:OpenAi:Endpoint must be an absolute http(s) URL such as http://localhost:8000/v1, not \"{Endpoint}\".",
                [nameof(Endpoint)]);
        }
    }
}
