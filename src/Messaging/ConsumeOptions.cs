using System.ComponentModel.DataAnnotations;

namespace Meditron.Messaging;

/// <summary>How one consumer takes messages.</summary>
public sealed record ConsumeOptions
{
    /// <summary>Messages in flight at once (RabbitMQ's prefetch; handlers run concurrently up to it).</summary>
    [Range(1, 1000)]
    public int Prefetch { get; init; } = 1;

    /// <summary>On stop, how long a handler in hand may take to finish before its message is requeued.</summary>
    [Range(0, 3600)]
    public int StopTimeoutSeconds { get; init; } = 30;
}
