namespace Meditron.Core.Handlers;

public enum HandlerOutcome
{
    /// <summary>Done, or already done before: ack.</summary>
    Success,
    /// <summary>Worth retrying later (I/O, busy store): requeue within the delivery limit.</summary>
    TransientError,
    /// <summary>Retrying cannot help (corrupt input): dead-letter, status failed.</summary>
    FatalError,
}

public sealed record HandlerResult(HandlerOutcome Outcome, string? Reason = null)
{
    public static HandlerResult Success { get; } = new(HandlerOutcome.Success);
    public static HandlerResult Transient(string reason) => new(HandlerOutcome.TransientError, reason);
    public static HandlerResult Fatal(string reason) => new(HandlerOutcome.FatalError, reason);
}
