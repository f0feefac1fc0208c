using Grpc.Core;
using Meditron.Retrieval.Qdrant;

namespace Meditron.Retrieval.Tests.Qdrant;

public sealed class QdrantRetryTests
{
    [Theory]
    [InlineData(StatusCode.Unavailable, true)]
    [InlineData(StatusCode.DeadlineExceeded, true)]
    [InlineData(StatusCode.ResourceExhausted, true)]
    [InlineData(StatusCode.Aborted, true)]
    [InlineData(StatusCode.InvalidArgument, false)]
    [InlineData(StatusCode.NotFound, false)]
    [InlineData(StatusCode.PermissionDenied, false)]
    [InlineData(StatusCode.Unauthenticated, false)]
    [InlineData(StatusCode.AlreadyExists, false)]
    [InlineData(StatusCode.Internal, false)]
    [InlineData(StatusCode.Cancelled, false)]
    public void Only_statuses_that_may_pass_next_time_are_transient(StatusCode code, bool expected)
    {
        Assert.Equal(expected, QdrantRetry.IsTransient(new RpcException(new Status(code, "x"))));
    }

    [Fact]
    public async Task Transient_failures_are_retried_then_succeed()
    {
        var logger = new RecordingLogger<QdrantChunkIndex>();
        var retry = QdrantRetry.Transient(3, logger);
        int calls = 0;

        await retry.ExecuteAsync(_ =>
        {
            if (++calls < 3)
            {
                throw new RpcException(new Status(calls == 1 ? StatusCode.Unavailable : StatusCode.ResourceExhausted, "busy"));
            }
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(3, calls);
        Assert.Equal(2, logger.Entries.Count(e => e.EventId == 3109));
    }

    [Fact]
    public async Task A_final_error_is_thrown_at_once()
    {
        var retry = QdrantRetry.Transient(3, new RecordingLogger<QdrantChunkIndex>());
        int calls = 0;

        await Assert.ThrowsAsync<RpcException>(async () => await retry.ExecuteAsync(_ =>
        {
            calls++;
            throw new RpcException(new Status(StatusCode.PermissionDenied, "read-only key"));
        }, CancellationToken.None));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task The_last_transient_failure_is_thrown_after_the_retries()
    {
        var retry = QdrantRetry.Transient(2, new RecordingLogger<QdrantChunkIndex>());
        int calls = 0;

        var e = await Assert.ThrowsAsync<RpcException>(async () => await retry.ExecuteAsync(_ =>
        {
            calls++;
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "slow"));
        }, CancellationToken.None));

        Assert.Equal(3, calls);
        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
    }

    [Fact]
    public void A_missing_collection_is_recognised()
    {
        Assert.True(QdrantRetry.IsMissingCollection(new RpcException(new Status(StatusCode.NotFound, "Not found: Collection `x` doesn't exist!"))));
        Assert.False(QdrantRetry.IsMissingCollection(new RpcException(new Status(StatusCode.Unavailable, "x"))));
    }
}
