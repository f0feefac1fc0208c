using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Meditron.Messaging.InProcess;

/// <summary>One queue: ready messages in a channel, dead-lettered ones in its poison list.</summary>
internal sealed class InProcessQueue
{
    private readonly Channel<Envelope> _ready = Channel.CreateUnbounded<Envelope>();
    private readonly ConcurrentQueue<PoisonMessage> _poison = new();
    private int _consumers;

    public ChannelReader<Envelope> Reader => _ready.Reader;

    public long Ready => _ready.Reader.Count;

    public int Consumers => Volatile.Read(ref _consumers);

    public int PoisonCount => _poison.Count;

    /// <summary>Never blocks: the channel is unbounded and never completed.</summary>
    public void Enqueue(Envelope envelope) => _ready.Writer.TryWrite(envelope);

    public void DeadLetter(Envelope envelope, string? reason) =>
        _poison.Enqueue(new PoisonMessage(envelope.MessageId, envelope.MessageType, envelope.Body, reason));

    public IReadOnlyList<PoisonMessage> PeekPoison(int max) => [.. _poison.Take(max)];

    public void ConsumerStarted() => Interlocked.Increment(ref _consumers);

    public void ConsumerStopped() => Interlocked.Decrement(ref _consumers);
}
