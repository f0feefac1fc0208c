using Meditron.Core.Handlers;

namespace Meditron.Messaging.Tests;

public sealed class VerdictTests
{
    [Theory]
    [InlineData(HandlerOutcome.Success, 1, Verdict.Ack)]
    [InlineData(HandlerOutcome.Success, 5, Verdict.Ack)]
    [InlineData(HandlerOutcome.TransientError, 1, Verdict.Requeue)]
    [InlineData(HandlerOutcome.TransientError, 4, Verdict.Requeue)]
    [InlineData(HandlerOutcome.TransientError, 5, Verdict.DeadLetter)]
    [InlineData(HandlerOutcome.TransientError, 9, Verdict.DeadLetter)]
    [InlineData(HandlerOutcome.FatalError, 1, Verdict.DeadLetter)]
    internal void Results_map_to_ack_requeue_or_dead_letter_with_a_delivery_limit_of_5(HandlerOutcome outcome, int attempt, Verdict expected)
    {
        Assert.Equal(expected, Verdicts.For(new HandlerResult(outcome, "reason"), attempt, deliveryLimit: 5));
    }

    [Theory]
    [InlineData("ingest", true)]
    [InlineData("ingest.poison", false)]
    [InlineData("reply.0123", false)]
    [InlineData("", false)]
    public void Only_work_queue_names_are_accepted_for_consuming(string queue, bool accepted)
    {
        var error = Record.Exception(() => Queues.ThrowIfNotWorkQueue(queue));
        Assert.Equal(accepted, error is null);
    }
}
