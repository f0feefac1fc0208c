using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace Meditron.Messaging;

/// <summary>A reply to a request sent with <see cref="MessageProperties.ReplyTo"/>.</summary>
public sealed record Reply<T>(T Message, string? CorrelationId, string MessageId);

/// <summary>
/// A private queue for replies: put <see cref="Name"/> in <see cref="MessageProperties.ReplyTo"/> and read the
/// replies from <see cref="ReadAllAsync"/>. Disposing it deletes the queue; replies sent after that are dropped.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "It is a broker queue, named as RabbitMQ names it, not a collection.")]
public sealed class ReplyQueue<TReply> : IAsyncDisposable
{
    private readonly ChannelReader<Reply<TReply>> _replies;
    private readonly Func<ValueTask> _onDispose;
    private int _disposed;

    internal ReplyQueue(string name, ChannelReader<Reply<TReply>> replies, Func<ValueTask> onDispose)
    {
        Name = name;
        _replies = replies;
        _onDispose = onDispose;
    }

    public string Name { get; }

    /// <summary>Replies as they arrive, in arrival order, until the queue is disposed or the token is cancelled.</summary>
    public IAsyncEnumerable<Reply<TReply>> ReadAllAsync(CancellationToken cancellationToken) => _replies.ReadAllAsync(cancellationToken);

    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _disposed, 1) == 0 ? _onDispose() : ValueTask.CompletedTask;
}
