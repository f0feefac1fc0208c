using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace Meditron.Generation.OpenAi;

/// <summary>Builds the Microsoft.Extensions.AI chat client for an OpenAI-compatible server from <see cref="OpenAiOptions"/>.</summary>
internal static class OpenAiChatClientFactory
{
    /// <summary>Sent as the bearer token when no ApiKey is configured.</summary>
    public const string NoKey = "no-key";

    public static IChatClient Create(OpenAiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = BaseUri(options.Endpoint),
            // Per try, and between two reads of a streamed answer: a server that stalls fails instead of hanging.
            NetworkTimeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds),
            // Retries connection failures and 408/429/500/502/503/504 with exponential backoff (honours Retry-After).
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
        };
        // The client insists on a key; local servers started without one ignore whatever is sent.
        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? NoKey : options.ApiKey;
        return new ChatClient(options.Model, new ApiKeyCredential(key), clientOptions).AsIChatClient();
    }

    /// <summary>The endpoint without a trailing slash, so "…/v1/" and "…/v1" both reach "…/v1/chat/completions".</summary>
    public static Uri BaseUri(string endpoint) => new(endpoint.TrimEnd('/'), UriKind.Absolute);
}
