using System.ClientModel;
using System.ClientModel.Primitives;
using System.ComponentModel.DataAnnotations;
using System.Runtime.CompilerServices;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Meditron.Generation.Llama;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAI.Chat;
using ChatFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Meditron.Generation.OpenAi;

/// <summary>
/// Answers through an OpenAI-compatible chat-completions server (vLLM, llama.cpp server, Ollama) with
/// Microsoft.Extensions.AI. The prompt is the LLamaSharp engine's (<see cref="PromptBuilder"/>): the
/// instructions as the system message, the delimited numbered evidence and the question as the user
/// message, the evidence fitted into <see cref="OpenAiOptions.ContextTokens"/> by a conservative estimate
/// (<see cref="TokenEstimate"/>) since the server's tokenizer is not at hand. The server applies the model's
/// chat template and batches concurrent requests itself.
/// </summary>
public sealed partial class OpenAiEngine : IAnswerEngine, IDisposable
{
    private readonly OpenAiOptions _options;
    private readonly IChatClient _client;
    private readonly bool _ownsClient;
    private readonly ILogger _logger;
    private readonly string _endpoint;
    // The chat formatter only joins the two messages so that the whole prompt is measured; the server formats.
    private readonly PromptBuilder _prompts = new(TokenEstimate.Count, static (system, user) => system + "\n\n" + user);

    public OpenAiEngine(IOptions<OpenAiOptions> options, ILogger<OpenAiEngine> logger)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), logger)
    {
    }

    public OpenAiEngine(OpenAiOptions options, ILogger<OpenAiEngine>? logger = null)
        : this(Validated(options), OpenAiChatClientFactory.Create(options), ownsClient: true, logger)
    {
    }

    /// <summary>Answers through <paramref name="client"/> (any Microsoft.Extensions.AI chat client) instead of one built from the endpoint.</summary>
    internal OpenAiEngine(OpenAiOptions options, IChatClient client, bool ownsClient = false, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        _options = options;
        _client = client;
        _ownsClient = ownsClient;
        _logger = logger ?? NullLogger.Instance;
        _endpoint = options.Endpoint;
        Name = $"openai:{options.Model}";
        LogConfigured(_logger, Name, _endpoint, options.ContextTokens);
    }

    public string Name { get; }

    /// <summary>The messages that <paramref name="request"/> would be sent with and which passages they carry.</summary>
    public PromptPlan BuildPrompt(GenerateAnswer request) =>
        _prompts.Build(request, _options.ContextTokens - TokenEstimate.ChatOverhead);

    public async IAsyncEnumerable<string> StreamAsync(GenerateAnswer request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var plan = BuildPrompt(request);
        var maxTokens = plan.AnswerTokens; // what was asked, or fewer when the context is small
        LogRequest(_logger, request.RequestId, plan.Included.Count, plan.Dropped.Count, plan.TokenCount, maxTokens);

        ChatMessage[] messages = [new(ChatRole.System, plan.System), new(ChatRole.User, plan.User)];
        var options = new ChatOptions
        {
            ModelId = _options.Model,
            MaxOutputTokens = maxTokens,
            Temperature = _options.Temperature,
        };
        if (_options.SendMaxTokens)
            options.RawRepresentationFactory = _ => WithLegacyMaxTokens(maxTokens);

        var chunks = 0;
        ChatFinishReason? finish = null;
        var updates = _client.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                        break;
                    update = updates.Current;
                }
                catch (Exception ex) when (Translate(ex, cancellationToken) is { } failure)
                {
                    throw failure;
                }
                finish ??= update.FinishReason;
                var text = update.Text;
                if (text.Length == 0)
                    continue;
                // Deltas already received when the caller cancels are not handed out.
                cancellationToken.ThrowIfCancellationRequested();
                chunks++;
                yield return text;
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }
        if (finish is null)
            LogNoFinishReason(_logger, request.RequestId); // a proxy or server that drops the stream cleanly looks like this
        else
            LogCompleted(_logger, request.RequestId, chunks, finish.Value.Value);
    }

    public void Dispose()
    {
        if (_ownsClient)
            _client.Dispose();
    }

    // "max_completion_tokens" (what the OpenAI client sends) is read by vLLM; older llama.cpp servers and
    // Ollama read only "max_tokens". The patch adds it to the JSON body; ChatOptions still fills the rest.
#pragma warning disable SCME0001 // JsonPatch is marked experimental
    private static ChatCompletionOptions WithLegacyMaxTokens(int maxTokens)
    {
        var raw = new ChatCompletionOptions();
        raw.Patch.Set("$.max_tokens"u8, maxTokens);
        return raw;
    }
#pragma warning restore SCME0001

    /// <summary>A clear error for a failed request; null for the caller's own cancellation, which passes through.</summary>
    private OpenAiServerException? Translate(Exception ex, CancellationToken cancellationToken)
    {
        // The client's retry policy wraps the failures of all its tries; the last one says what is wrong now.
        if (ex is AggregateException { InnerExceptions.Count: > 0 } retried)
            ex = retried.InnerExceptions[^1];
        switch (ex)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return null;
            case OperationCanceledException:
                return new OpenAiServerException(
                    $"The OpenAI-compatible server at {_endpoint} (model \"{_options.Model}\") did not answer within {_options.RequestTimeoutSeconds} s (Generation:OpenAi:RequestTimeoutSeconds).",
                    _endpoint, null, ex);
            case ClientResultException { Status: > 0 } failed:
                LogServerReply(failed);
                // The reply body is left out of the message: servers may echo the request (question, evidence).
                return new OpenAiServerException(
                    $"The OpenAI-compatible server at {_endpoint} answered HTTP {failed.Status} for model \"{_options.Model}\"{Hint(failed.Status)}.",
                    _endpoint, failed.Status);
            case IOException:
                // Retries only cover the request: a stream that broke half-way is not resent (its deltas are already out).
                return new OpenAiServerException(
                    $"The connection to the OpenAI-compatible server at {_endpoint} (model \"{_options.Model}\") broke while the answer was streaming: {ex.Message}",
                    _endpoint, null, ex);
            case ClientResultException or HttpRequestException:
                var cause = ex.InnerException?.Message ?? ex.Message;
                return new OpenAiServerException(
                    $"Could not reach the OpenAI-compatible server at {_endpoint} (model \"{_options.Model}\"): {cause}",
                    _endpoint, null, ex.InnerException ?? ex);
            default:
                return null;
        }
    }

    private static string Hint(int status) => status switch
    {
        400 => " (rejected the request: is the prompt longer than the server's context? Check Generation:OpenAi:ContextTokens)",
        401 or 403 => " (check Generation:OpenAi:ApiKey)",
        404 => " (check Generation:OpenAi:Endpoint, usually ending in /v1, and Generation:OpenAi:Model)",
        429 or >= 500 => $" (still failing after the retries of Generation:OpenAi:MaxRetries)",
        _ => "",
    };

    private void LogServerReply(ClientResultException ex)
    {
        if (!_logger.IsEnabled(LogLevel.Debug))
            return;
        string body;
        try
        {
            body = ex.GetRawResponse()?.Content?.ToString() ?? "";
        }
        catch (InvalidOperationException)
        {
            body = ""; // a streamed reply's body may no longer be readable
        }
        LogServerReply(_logger, ex.Status, body.Length > 2000 ? body[..2000] : body);
    }

    private static OpenAiOptions Validated(OpenAiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return options;
    }

    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "Answering with {Engine} at {Endpoint}, {ContextTokens}-token context")]
    private static partial void LogConfigured(ILogger logger, string engine, string endpoint, int contextTokens);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Debug, Message = "Request {RequestId}: {Included} passages sent, {Dropped} left out, about {PromptTokens} prompt tokens, at most {MaxTokens} answer tokens")]
    private static partial void LogRequest(ILogger logger, string requestId, int included, int dropped, int promptTokens, int maxTokens);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Debug, Message = "Request {RequestId}: {Chunks} chunks streamed, finish reason {FinishReason}")]
    private static partial void LogCompleted(ILogger logger, string requestId, int chunks, string finishReason);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Warning, Message = "Request {RequestId}: the server's stream ended without a finish reason; the answer may be cut short")]
    private static partial void LogNoFinishReason(ILogger logger, string requestId);

    // Debug only: the body may repeat the question or the evidence.
    [LoggerMessage(EventId = 5203, Level = LogLevel.Debug, Message = "The server answered HTTP {Status}: {Body}")]
    private static partial void LogServerReply(ILogger logger, int status, string body);
}
