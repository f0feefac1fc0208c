using Meditron.Core.Feedback;
using Meditron.Core.Generation;
using Meditron.Core.Ports;

namespace Meditron.Tests.Contracts;

/// <summary>
/// What every <see cref="IFeedbackStore"/> promises (clinicians' ratings of kept answers: every field kept, several per
/// request, filters and paging in a stable order), run on each provider by a subclass that builds <see cref="Feedback"/>
/// on an empty store whose clock is <see cref="Clock"/>.
/// </summary>
public abstract class FeedbackStoreContract
{
    protected ManualClock Clock { get; } = new();

    protected abstract IFeedbackStore Feedback { get; }

    /// <summary>A new store over the same data (another process, or the same one started again).</summary>
    protected abstract IFeedbackStore Reopen();

    protected static CancellationToken Ct => CancellationToken.None;

    protected static CitedAnswer Answer(string text = "Give ORS after each loose stool [1]. Refer if no urine in 6 hours [2].") => new()
    {
        RequestId = "r1",
        Answer = text,
        Model = "meditron-7b.Q4_K_M.gguf",
        Citations =
        [
            new Citation { N = 1, DocumentId = "doc_1", Title = "Pocket book", Publisher = "WHO", Edition = "2013", File = "pocket-book.pdf", Page = 106, PageEnd = 107, PageLabel = "82", Section = "5.2 Diarrhoea", Quote = "Give ORS « après chaque selle » — 50–100 ml.", Score = 0.81 },
            new Citation { N = 2, DocumentId = "doc_2", Title = "Cholera", Publisher = "MSF", Edition = "2017", File = "cholera.pdf", Page = 12, PageEnd = 12, Section = "Rehydration", Quote = "Refer \"urgently\".", Score = 0.5 },
        ],
        Timings = new AnswerTimings { RetrievalMs = 12, GenerationMs = 34 },
    };

    protected static FeedbackEntry Entry(string requestId = "r1", bool helpful = false, IReadOnlyList<string>? categories = null, string? comment = null) => new()
    {
        Id = FeedbackEntry.NewId(),
        RequestId = requestId,
        Helpful = helpful,
        Categories = categories ?? [],
        Comment = comment,
        Question = "How much ORS for a child with some dehydration?",
        Answer = Answer(),
        Engine = AnswerEngineNames.Default,
        Model = "meditron-7b.Q4_K_M.gguf",
        KeyName = "clinic-web",
    };

    [SkippableFact]
    public async Task Every_field_is_kept_as_given_with_the_store_clock_as_creation_time()
    {
        var entry = Entry(categories: [FeedbackCategories.WrongPage, FeedbackCategories.Unsafe],
            comment: "Page 106 says 75 ml/kg, not « 50 ml » — vérifier.\nSecond line, \"quoted\"; 儿童 🙂");
        var at = Clock.GetUtcNow();

        var added = await Feedback.AddAsync(entry, Ct);

        Assert.Equal(entry with { CreatedAt = at }, added with { Categories = entry.Categories, Answer = entry.Answer });
        var found = await Feedback.GetAsync(entry.Id, Ct);
        AssertSame(added, found);
        AssertSame(added, Assert.Single(await Feedback.ListAsync(new FeedbackQuery(), Ct)));
    }

    [SkippableFact]
    public async Task A_creation_time_given_is_kept()
    {
        var given = new DateTimeOffset(2025, 12, 1, 8, 0, 0, TimeSpan.FromHours(2));

        var added = await Feedback.AddAsync(Entry() with { CreatedAt = given, Comment = null, Question = null, KeyName = null }, Ct);

        var found = (await Feedback.GetAsync(added.Id, Ct))!;
        Assert.Equal(given, found.CreatedAt);
        Assert.Equal(((string?)null, (string?)null, (string?)null), (found.Comment, found.Question, found.KeyName));
    }

    [SkippableFact]
    public async Task Several_entries_for_one_request_are_all_kept_newest_last()
    {
        var first = await Feedback.AddAsync(Entry(helpful: false, categories: [FeedbackCategories.Incomplete]), Ct);
        Clock.Advance();
        var second = await Feedback.AddAsync(Entry(helpful: true), Ct);
        Clock.Advance();
        var other = await Feedback.AddAsync(Entry(requestId: "r2"), Ct);

        var forRequest = await Feedback.ListAsync(new FeedbackQuery { RequestId = "r1" }, Ct);

        Assert.Equal([first.Id, second.Id], forRequest.Select(e => e.Id));
        Assert.Equal([false, true], forRequest.Select(e => e.Helpful));
        Assert.Equal(2, await Feedback.CountAsync(new FeedbackQuery { RequestId = "r1" }, Ct));
        Assert.Equal([first.Id, second.Id, other.Id], (await Feedback.ListAsync(new FeedbackQuery(), Ct)).Select(e => e.Id));
    }

    [SkippableFact]
    public async Task Filters_match_since_category_and_helpful_and_combine()
    {
        var wrongPage = await Feedback.AddAsync(Entry(categories: [FeedbackCategories.WrongPage]), Ct);
        var since = Clock.Advance();
        var both = await Feedback.AddAsync(Entry(categories: [FeedbackCategories.Outdated, FeedbackCategories.WrongPage]), Ct);
        Clock.Advance();
        var helpful = await Feedback.AddAsync(Entry(helpful: true), Ct);

        async Task<List<string>> IdsAsync(FeedbackQuery query)
        {
            Assert.Equal((await Feedback.ListAsync(query, Ct)).Count, await Feedback.CountAsync(query, Ct));
            return (await Feedback.ListAsync(query, Ct)).Select(e => e.Id).ToList();
        }

        Assert.Equal([wrongPage.Id, both.Id], await IdsAsync(new FeedbackQuery { Category = FeedbackCategories.WrongPage }));
        Assert.Equal([both.Id], await IdsAsync(new FeedbackQuery { Category = FeedbackCategories.Outdated }));
        Assert.Empty(await IdsAsync(new FeedbackQuery { Category = FeedbackCategories.Unsafe }));
        Assert.Equal([both.Id, helpful.Id], await IdsAsync(new FeedbackQuery { Since = since }));
        Assert.Equal([helpful.Id], await IdsAsync(new FeedbackQuery { Helpful = true }));
        Assert.Equal([wrongPage.Id, both.Id], await IdsAsync(new FeedbackQuery { Helpful = false }));
        Assert.Equal([both.Id], await IdsAsync(new FeedbackQuery { Since = since, Category = FeedbackCategories.WrongPage, Helpful = false }));
        // A category is a whole name, never part of another ("page" is no category).
        Assert.Empty(await IdsAsync(new FeedbackQuery { Category = "page" }));
    }

    [SkippableFact]
    public async Task Paging_walks_the_entries_in_creation_then_id_order_and_counts_them_all()
    {
        var ids = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            ids.Add((await Feedback.AddAsync(Entry(categories: [FeedbackCategories.NotRelevant]), Ct)).Id);
            if (i % 2 == 1)
            {
                Clock.Advance();
            }
        }
        // Entries made at the same instant come in id order.
        var expected = ids.Select((id, i) => (Id: id, At: i / 2)).OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).Select(e => e.Id).ToList();

        var pages = new List<string>();
        for (int offset = 0; offset < 6; offset += 2)
        {
            pages.AddRange((await Feedback.ListAsync(new FeedbackQuery { Offset = offset, Limit = 2 }, Ct)).Select(e => e.Id));
        }

        Assert.Equal(expected, pages);
        Assert.Equal(5, await Feedback.CountAsync(new FeedbackQuery { Offset = 4, Limit = 1 }, Ct));
        Assert.Empty(await Feedback.ListAsync(new FeedbackQuery { Offset = 5 }, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Feedback.ListAsync(new FeedbackQuery { Limit = 0 }, Ct));
    }

    [SkippableFact]
    public async Task Eight_entries_added_at_once_are_all_kept()
    {
        var entries = Enumerable.Range(0, 8).Select(i => Entry(comment: $"reviewer {i}")).ToList();

        await Task.WhenAll(entries.Select(e => Task.Run(() => Feedback.AddAsync(e, Ct))));

        var listed = await Feedback.ListAsync(new FeedbackQuery(), Ct);
        Assert.Equal(entries.Select(e => e.Id).Order(StringComparer.Ordinal), listed.Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.Equal(8, await Feedback.CountAsync(new FeedbackQuery(), Ct));
    }

    [SkippableFact]
    public async Task A_store_opened_again_has_the_entries()
    {
        var added = await Feedback.AddAsync(Entry(categories: [FeedbackCategories.WrongPage], comment: "p. 12"), Ct);

        var reopened = Reopen();

        AssertSame(added, await reopened.GetAsync(added.Id, Ct));
        Assert.Equal(1, await reopened.CountAsync(new FeedbackQuery { Category = FeedbackCategories.WrongPage }, Ct));
    }

    [SkippableFact]
    public async Task An_unknown_id_is_not_found_and_an_empty_store_lists_nothing()
    {
        Assert.Null(await Feedback.GetAsync("nope", Ct));
        Assert.Empty(await Feedback.ListAsync(new FeedbackQuery(), Ct));
        Assert.Equal(0, await Feedback.CountAsync(new FeedbackQuery(), Ct));
    }

    private static readonly IReadOnlyList<string> NoCategories = [];
    private static readonly IReadOnlyList<Citation> NoCitations = [];

    /// <summary>Records hold lists, which compare by reference: compare them by content.</summary>
    private static void AssertSame(FeedbackEntry expected, FeedbackEntry? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Categories, actual.Categories);
        Assert.Equal(expected.Answer.Citations, actual.Answer.Citations);
        Assert.Equal(expected.Answer with { Citations = NoCitations }, actual.Answer with { Citations = NoCitations });
        Assert.Equal(expected with { Categories = NoCategories }, actual with { Categories = NoCategories, Answer = expected.Answer });
    }
}
