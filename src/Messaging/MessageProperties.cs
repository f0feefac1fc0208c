namespace Meditron.Messaging;

/// <summary>What a publisher may attach to a message besides its body.</summary>
public sealed record MessageProperties
{
    /// <summary>Ties a reply to its request (the request's id, say).</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The reply queue (<see cref="ReplyQueue{TReply}.Name"/>) a worker should answer to.</summary>
    public string? ReplyTo { get; init; }
}
