using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Meditron.Messaging.RabbitMq;

/// <summary>
/// Calls to the broker that wait for it: retried with exponential backoff while the broker is unreachable or
/// recovering, up to Messaging:PublishTimeoutSeconds in all; then a <see cref="MessagingException"/> naming the
/// queue and the broker.
/// </summary>
internal sealed class BrokerRetry
{
    private static readonly ResiliencePropertyKey<string> QueueKey = new("meditron.queue");
    private static readonly ResiliencePropertyKey<Exception> LastErrorKey = new("meditron.last-error");

    private readonly ResiliencePipeline _pipeline;
    private readonly BrokerAddress _broker;
    private readonly int _timeoutSeconds;

    public BrokerRetry(BrokerAddress broker, int timeoutSeconds, ILogger logger)
    {
        _broker = broker;
        _timeoutSeconds = timeoutSeconds;
        _pipeline = new ResiliencePipelineBuilder()
            .AddTimeout(TimeSpan.FromSeconds(timeoutSeconds))
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(BrokerFaults.IsTransient),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                // Short enough to notice a broker back from a restart within seconds.
                MaxDelay = TimeSpan.FromSeconds(3),
                OnRetry = args =>
                {
                    var error = args.Outcome.Exception!;
                    args.Context.Properties.Set(LastErrorKey, error);
                    args.Context.Properties.TryGetValue(QueueKey, out string? queue);
                    RabbitMqLog.Retrying(logger, broker, queue ?? "?", args.AttemptNumber + 1, Describe(error), (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .Build();
    }

    /// <param name="what">What was being done, for the error: "publish to", "consume from".</param>
    public async Task<TResult> ExecuteAsync<TResult>(string what, string queue, Func<CancellationToken, Task<TResult>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(QueueKey, queue);
        try
        {
            return await _pipeline.ExecuteAsync(static async (ctx, call) => await call(ctx.CancellationToken), context, call);
        }
        catch (TimeoutRejectedException timeout)
        {
            context.Properties.TryGetValue(LastErrorKey, out Exception? last);
            throw new MessagingException(
                $"Could not {what} queue '{queue}': the RabbitMQ broker at {_broker} was not reachable within {_timeoutSeconds} s " +
                $"(Messaging:PublishTimeoutSeconds){(last is null ? "" : "; last error: " + Describe(last))}.",
                last ?? timeout);
        }
        catch (Exception e) when (e is not OperationCanceledException and not MessagingException)
        {
            throw new MessagingException($"Could not {what} queue '{queue}' on the RabbitMQ broker at {_broker}: {Describe(e)}.", e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public Task ExecuteAsync(string what, string queue, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        ExecuteAsync(what, queue, async ct =>
        {
            await call(ct);
            return true;
        }, cancellationToken);

    /// <summary>The exception and its innermost cause (RabbitMQ.Client wraps "connection refused" in "none reachable").</summary>
    private static string Describe(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }
        return ReferenceEquals(inner, e) ? $"{e.GetType().Name}: {e.Message}" : $"{e.GetType().Name}: {e.Message} ({inner.Message})";
    }
}
