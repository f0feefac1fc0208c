using System.Collections.Concurrent;
using Meditron.Core.Handlers;

namespace Meditron.Messaging.Tests.Support;

/// <summary>A handler that records each delivery and answers with what the test decides, per delivery.</summary>
public sealed class Probe<T>(Func<Delivery<T>, CancellationToken, Task<HandlerResult>> decide)
{
    private readonly ConcurrentQueue<Delivery<T>> _deliveries = new();

    public Probe(Func<Delivery<T>, HandlerResult> decide)
        : this((delivery, _) => Task.FromResult(decide(delivery)))
    {
    }

    public IReadOnlyList<Delivery<T>> Deliveries => [.. _deliveries];

    public async Task<HandlerResult> HandleAsync(Delivery<T> delivery, CancellationToken cancellationToken)
    {
        _deliveries.Enqueue(delivery);
        return await decide(delivery, cancellationToken);
    }

    /// <summary>Waits until <paramref name="count"/> deliveries in all have arrived; fails the test after <paramref name="timeout"/>.</summary>
    public Task WaitForAsync(int count, TimeSpan timeout) =>
        Eventually.HoldsAsync(() => Task.FromResult(_deliveries.Count >= count), timeout, $"{count} deliveries (got {_deliveries.Count})");
}
