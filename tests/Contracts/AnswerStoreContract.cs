using Meditron.Core.Generation;
using Meditron.Core.Ports;

namespace Meditron.Tests.Contracts;

/// <summary>
/// What every <see cref="IAnswerStore"/> promises (requests of the API's async mode: pending, then completed with the
/// answer or failed with the reason), run on each provider by a subclass that builds <see cref="Answers"/> on an empty
/// store whose clock is <see cref="Clock"/>.
/// </summary>
public abstract class AnswerStoreContract
{
    protected ManualClock Clock { get; } = new();

    protected abstract IAnswerStore Answers { get; }

    protected static CancellationToken Ct => CancellationToken.None;

    protected static CitedAnswer Answer(string text = "Give ORS after each loose stool [1].") => new()
    {
        Answer = text,
        Model = "extractive",
        Citations = [new Citation { N = 1, DocumentId = "doc_1", Title = "Pocket book", Publisher = "WHO", Edition = "2013", File = "p.pdf", Page = 106, PageEnd = 107, PageLabel = "82", Section = "4.2 Pneumonia", Quote = "Give ORS.", Score = 0.5 }],
        Timings = new AnswerTimings { RetrievalMs = 12, GenerationMs = 34 },
    };

    [SkippableFact]
    public async Task A_pending_request_is_found_pending_without_an_answer()
    {
        var at = Clock.GetUtcNow();

        await Answers.MarkPendingAsync("r1", Ct);

        Assert.Equal(
            new AnswerEntry { RequestId = "r1", Status = AnswerStatus.Pending, CreatedAt = at, UpdatedAt = at },
            await Answers.FindAsync("r1", Ct));
        Assert.Null(await Answers.GetAsync("r1", Ct));
    }

    [SkippableFact]
    public async Task Saving_the_answer_of_a_pending_request_completes_it()
    {
        var created = Clock.GetUtcNow();
        await Answers.MarkPendingAsync("r1", Ct);
        var completed = Clock.Advance();

        await Answers.SaveAsync("r1", Answer(), Ct);

        var entry = (await Answers.FindAsync("r1", Ct))!;
        Assert.Equal((AnswerStatus.Completed, (string?)null, created, completed), (entry.Status, entry.Reason, entry.CreatedAt, entry.UpdatedAt));
        Assert.Equal(Answer().Answer, entry.Answer!.Answer);
        Assert.Equal(Answer().Citations, entry.Answer.Citations);
        Assert.Equal(Answer().Timings, entry.Answer.Timings);
        Assert.Equal(entry.Answer.Answer, (await Answers.GetAsync("r1", Ct))!.Answer);
    }

    [SkippableFact]
    public async Task A_failed_request_keeps_its_reason_and_has_no_answer()
    {
        await Answers.MarkPendingAsync("r1", Ct);
        var failed = Clock.Advance();

        await Answers.MarkFailedAsync("r1", "The generation worker did not answer within 120 s.", Ct);

        var entry = (await Answers.FindAsync("r1", Ct))!;
        Assert.Equal((AnswerStatus.Failed, "The generation worker did not answer within 120 s.", (CitedAnswer?)null, failed), (entry.Status, entry.Reason, entry.Answer, entry.UpdatedAt));
        Assert.Null(await Answers.GetAsync("r1", Ct));
    }

    [SkippableFact]
    public async Task A_late_failure_never_hides_an_answer_that_was_saved()
    {
        await Answers.MarkPendingAsync("r1", Ct);
        await Answers.SaveAsync("r1", Answer(), Ct);
        var before = await Answers.FindAsync("r1", Ct);
        Clock.Advance();

        await Answers.MarkFailedAsync("r1", "timeout", Ct);
        await Answers.MarkPendingAsync("r1", Ct);

        var after = await Answers.FindAsync("r1", Ct);
        Assert.Equal((before!.Status, before.UpdatedAt, before.Answer!.Answer), (after!.Status, after.UpdatedAt, after.Answer!.Answer));
    }

    [SkippableFact]
    public async Task An_answer_saved_after_a_failure_completes_the_request()
    {
        await Answers.MarkFailedAsync("r1", "worker lost", Ct);

        await Answers.SaveAsync("r1", Answer(), Ct);

        var entry = (await Answers.FindAsync("r1", Ct))!;
        Assert.Equal((AnswerStatus.Completed, (string?)null), (entry.Status, entry.Reason));
    }

    [SkippableFact]
    public async Task Saving_again_replaces_the_answer_and_keeps_the_creation_time()
    {
        var created = Clock.GetUtcNow();
        await Answers.SaveAsync("r1", Answer("first [1]."), Ct);
        Clock.Advance();

        await Answers.SaveAsync("r1", Answer("second [1]."), Ct);

        var entry = (await Answers.FindAsync("r1", Ct))!;
        Assert.Equal(("second [1].", created), (entry.Answer!.Answer, entry.CreatedAt));
    }

    [SkippableFact]
    public async Task An_unknown_request_is_not_found()
    {
        Assert.Null(await Answers.FindAsync("nope", Ct));
        Assert.Null(await Answers.GetAsync("nope", Ct));
    }
}
