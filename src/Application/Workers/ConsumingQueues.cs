using System.Collections.Concurrent;

namespace Meditron.Application.Workers;

/// <summary>
/// The queues this process's workers consume right now, so that a readiness probe (`worker --health-urls`) can tell a
/// worker whose consumer is up from one still connecting or already stopping.
/// </summary>
public sealed class ConsumingQueues
{
    private readonly ConcurrentDictionary<string, byte> _queues = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => [.. _queues.Keys];

    internal void Started(string queue) => _queues[queue] = 0;

    internal void Stopped(string queue) => _queues.TryRemove(queue, out _);
}
