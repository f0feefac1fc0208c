using Meditron.Core.Handlers;

namespace Meditron.Messaging;

/// <summary>What a transport does with a delivery once its handler is done.</summary>
internal enum Verdict
{
    Ack,
    Requeue,
    DeadLetter,
}

/// <summary>A verdict with the reason a dead-lettered message carries into an in-memory poison queue.</summary>
internal readonly record struct Settlement(Verdict Verdict, string? Reason)
{
    /// <summary>The consumer stopped before the handler was done: the message goes back, not to the poison queue.</summary>
    public static Settlement Stopped { get; } = new(Verdict.Requeue, "consumer stopped");
}

internal static class Verdicts
{
    /// <summary>Success acks; TransientError requeues while <paramref name="attempt"/> is below the limit; FatalError dead-letters.</summary>
    public static Verdict For(HandlerResult result, int attempt, int deliveryLimit) => result.Outcome switch
    {
        HandlerOutcome.Success => Verdict.Ack,
        HandlerOutcome.TransientError when attempt < deliveryLimit => Verdict.Requeue,
        _ => Verdict.DeadLetter,
    };
}
