using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

using Meditron.Generation.Tests.Support;

namespace Meditron.Generation.Tests.OpenAi;

/// <summary>A request the server received: what the engine put on the wire.</summary>
internal sealed record RecordedRequest(string Method, string Path, string? Authorization, string? ContentType, JsonElement Body)
{
    public JsonElement Message(string role) =>
        Body.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == role);

    public string MessageText(string role) => Message(role).GetProperty("content") switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString()!,
        // Some clients send content as an array of parts.
        var parts => string.Concat(parts.EnumerateArray().Select(p => p.GetProperty("text").GetString())),
    };
}

/// <summary>How the server answers one request.</summary>
internal sealed record ChatReply
{
    public int Status { get; init; } = 200;
    public string ErrorBody { get; init; } = "";
    public IReadOnlyList<string> Deltas { get; init; } = [];
    /// <summary>The finish_reason of the last chunk; null sends no final chunk and no [DONE] (a stream ended early).</summary>
    public string? FinishReason { get; init; } = "stop";
    /// <summary>Wait before the response headers (to test the request timeout).</summary>
    public TimeSpan FirstByteDelay { get; init; }
    /// <summary>Wait between two chunks.</summary>
    public TimeSpan ChunkDelay { get; init; }
    /// <summary>When true, the connection is cut after the first delta (a server that crashed mid-answer).</summary>
    public bool AbortAfterFirst { get; init; }

    /// <summary>When set, the server sends the first delta, then waits for this before the rest.</summary>
    public Task? HoldAfterFirst { get; init; }

    public static ChatReply Text(params string[] deltas) => new() { Deltas = deltas };

    public static ChatReply Failure(int status, string body) => new() { Status = status, ErrorBody = body };
}

/// <summary>
/// A double of an external model server (vLLM, llama.cpp server, Ollama: none of them can run here):
/// a real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions wire protocol, POST
/// /v1/chat/completions with a JSON body answered, for <c>"stream": true</c>, as text/event-stream
/// <c>data: {chunk}</c> events ending with <c>data: [DONE]</c>. It records every request and answers from a
/// script of <see cref="ChatReply"/>s, so tests see exactly what the engine sends and how it reads replies.
/// </summary>
internal sealed class LocalChatServer : LoopbackHttpServer
{
    private readonly ConcurrentQueue<ChatReply> _script = new();

    public LocalChatServer() => Start();

    /// <summary>The OpenAI base URL to configure, as for vLLM (http://host:8000/v1).</summary>
    public string Endpoint => BaseUrl + "/v1";

    /// <summary>The answer to requests once the script is used up.</summary>
    public ChatReply Default { get; set; } = ChatReply.Text("Nothing scripted.");

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Completes when a client went away while its answer was still being streamed.</summary>
    public TaskCompletionSource ClientGone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers the next request (in order) with <paramref name="reply"/>.</summary>
    public void Enqueue(ChatReply reply) => _script.Enqueue(reply);

    public RecordedRequest SingleRequest() => Assert.Single(Requests);

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var request = context.Request;
            string body;
            using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }
            var path = request.Url!.AbsolutePath;
            using var json = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
            Requests.Enqueue(new RecordedRequest(request.HttpMethod, path, request.Headers["Authorization"], request.ContentType, json.RootElement.Clone()));

            if (request.HttpMethod != "POST" || path != "/v1/chat/completions")
            {
                await WriteJsonAsync(response, 404, """{"error":{"message":"Not found","type":"invalid_request_error"}}""");
                return;
            }
            var reply = _script.TryDequeue(out var next) ? next : Default;
            if (reply.FirstByteDelay > TimeSpan.Zero)
                await Task.Delay(reply.FirstByteDelay);
            if (reply.Status != 200)
            {
                // Retry-After: 0 keeps retry tests fast; clients wait at least their own backoff anyway.
                response.AddHeader("Retry-After", "0");
                await WriteJsonAsync(response, reply.Status, reply.ErrorBody);
                return;
            }
            if (!json.RootElement.TryGetProperty("stream", out var stream) || !stream.GetBoolean())
            {
                await WriteJsonAsync(response, 400, """{"error":{"message":"this double only streams","type":"invalid_request_error"}}""");
                return;
            }
            var model = json.RootElement.GetProperty("model").GetString() ?? "";
            await StreamAsync(response, model, reply);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            ClientGone.TrySetResult(); // the client went away mid-answer (a test cancelled)
        }
    }

    private static async Task StreamAsync(HttpListenerResponse response, string model, ChatReply reply)
    {
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        // HttpListener ends even an aborted chunked body cleanly; a body shorter than its declared length cannot end cleanly.
        if (reply.AbortAfterFirst)
            response.ContentLength64 = 1 << 20;
        else
            response.SendChunked = true;
        await SendAsync(response, Chunk(model, new { role = "assistant", content = "" }, null));
        for (var i = 0; i < reply.Deltas.Count; i++)
        {
            await SendAsync(response, Chunk(model, new { content = reply.Deltas[i] }, null));
            if (i == 0 && reply.AbortAfterFirst)
            {
                response.Abort();
                return;
            }
            if (i == 0 && reply.HoldAfterFirst is { } hold)
                await hold;
            if (reply.ChunkDelay > TimeSpan.Zero)
                await Task.Delay(reply.ChunkDelay);
        }
        if (reply.FinishReason is not null)
        {
            await SendAsync(response, Chunk(model, new { }, reply.FinishReason));
            await SendAsync(response, "[DONE]");
        }
        response.Close();
    }

    private static string Chunk(string model, object delta, string? finishReason) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = "chatcmpl-local",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = model,
        ["choices"] = new object[] { new Dictionary<string, object?> { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason } },
    });

    private static async Task SendAsync(HttpListenerResponse response, string data)
    {
        var bytes = Encoding.UTF8.GetBytes($"data: {data}\n\n");
        await response.OutputStream.WriteAsync(bytes);
        await response.OutputStream.FlushAsync();
    }

    private static async Task WriteJsonAsync(HttpListenerResponse response, int status, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}
