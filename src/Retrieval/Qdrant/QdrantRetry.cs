using Grpc.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Meditron.Retrieval.Qdrant;

/// <summary>
/// The retries around Qdrant calls. Every call the adapter makes is safe to repeat: point ids are deterministic,
/// set-payload and delete by filter converge, creation tolerates "already exists".
/// </summary>
internal static class QdrantRetry
{
    /// <summary>
    /// The statuses of a call that may succeed if sent again: the node is restarting or unreachable (Unavailable),
    /// too slow this time (DeadlineExceeded), shedding load or rate-limited (ResourceExhausted), or a conflict with
    /// a concurrent operation (Aborted). Anything else (a bad request, a missing collection, a refused key) is final.
    /// </summary>
    public static bool IsTransient(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted;
    }

    /// <summary><paramref name="retries"/> retries of transient failures, 250 ms doubling with jitter; the last failure is thrown as is.</summary>
    public static ResiliencePipeline Transient(int retries, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (retries == 0)
        {
            return ResiliencePipeline.Empty;
        }
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(IsTransient),
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                OnRetry = args =>
                {
                    var status = args.Outcome.Exception is RpcException e ? e.StatusCode : StatusCode.Unknown;
                    QdrantLog.TransientFailure(logger, status, args.AttemptNumber + 1, (int)args.RetryDelay.TotalMilliseconds, args.Outcome.Exception!);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>
    /// Up to 5 retries, 200 ms doubling (3.2 s before the last), on the answers of a collection whose shards
    /// are still loading (right after losing a creation race); any other error, or the last one, is thrown as is.
    /// </summary>
    public static ResiliencePipeline NotReady(string collection, ILogger logger) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => e.StatusCode is StatusCode.NotFound or StatusCode.Internal or StatusCode.Unavailable),
                MaxRetryAttempts = 5,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                OnRetry = args =>
                {
                    QdrantLog.CollectionNotReady(logger, collection, args.AttemptNumber + 1, (int)args.RetryDelay.TotalMilliseconds, args.Outcome.Exception!);
                    return default;
                },
            })
            .Build();

    /// <summary>Qdrant 1.8+ answers ALREADY_EXISTS; older servers INVALID_ARGUMENT with "already exists" in the message.</summary>
    public static bool IsAlreadyExists(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StatusCode == StatusCode.AlreadyExists
            || (exception.StatusCode == StatusCode.InvalidArgument && exception.Status.Detail.Contains("already exists", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Qdrant's answer for a collection that does not exist: NOT_FOUND ("Collection `x` doesn't exist!").</summary>
    public static bool IsMissingCollection(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StatusCode == StatusCode.NotFound;
    }
}
