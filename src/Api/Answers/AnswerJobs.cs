using System.Collections.Concurrent;
using Meditron.Application.Answering;
using Meditron.Core.Ports;
using Meditron.Messaging;

namespace Meditron.Api.Answers;

/// <summary>
/// Asks answered in the background (POST /v1/ask with "async"): the request id is stored as pending before the
/// 202 goes out, the answer (AskService saves it) or the failure reason after. On shutdown the running ones are
/// cancelled and marked failed, so that no id stays pending forever.
/// </summary>
public sealed partial class AnswerJobs(IServiceProvider services, IAnswerStore answers, ILogger<AnswerJobs> logger) : IHostedService, IDisposable
{
    // Resolved at the first async ask, not at start: a missing model must not stop the API (readyz names it).
    private AskService Ask => services.GetRequiredService<AskService>();

    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private volatile bool _disposed;

    /// <summary>Stores the request as pending and starts answering it; returns its id.</summary>
    public async Task<string> StartAsync(PreparedQuestion prepared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        string id = prepared.Message.RequestId;
        await answers.MarkPendingAsync(id, cancellationToken);
        _running[id] = Task.Run(() => AnswerAsync(prepared), CancellationToken.None);
        return id;
    }

    private async Task AnswerAsync(PreparedQuestion prepared)
    {
        string id = prepared.Message.RequestId;
        try
        {
            await Ask.AnswerAsync(prepared, _stopping.Token);
        }
        catch (Exception e)
        {
            string reason = e switch
            {
                OperationCanceledException when _stopping.IsCancellationRequested => "The server stopped before the answer was ready; ask again.",
                MessagingException or TimeoutException => e.Message,
                _ => $"Generation failed ({e.GetType().Name}); see the server log for request {id}.",
            };
            LogFailed(id, e.GetType().Name);
            await answers.MarkFailedAsync(id, reason, CancellationToken.None);
        }
        finally
        {
            _running.TryRemove(id, out _);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_disposed)
        {
            return; // a host stopped after its container was disposed (a second StopAsync)
        }
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Values).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        _disposed = true;
        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 8101, Level = LogLevel.Warning, Message = "Async ask {RequestId} failed: {ErrorType}")]
    private partial void LogFailed(string requestId, string errorType);
}
