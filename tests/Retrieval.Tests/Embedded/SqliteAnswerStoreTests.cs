using Meditron.Core.Generation;
using Meditron.Retrieval.Embedded;
using Microsoft.Data.Sqlite;

namespace Meditron.Retrieval.Tests.Embedded;

/// <summary>Requests of the API's async mode: pending, then completed with the answer or failed with the reason.</summary>
public sealed class SqliteAnswerStoreTests : IDisposable
{
    private readonly TempDataDirectory _dir = new();
    private readonly ManualClock _clock = new();
    private readonly EmbeddedStore _store;
    private readonly SqliteAnswerStore _answers;

    public SqliteAnswerStoreTests()
    {
        _store = _dir.OpenStore(_clock);
        _answers = new SqliteAnswerStore(_store);
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    private static CancellationToken Ct => CancellationToken.None;

    private static CitedAnswer Answer(string text = "Give ORS after each loose stool [1].") => new()
    {
        Answer = text,
        Model = "extractive",
        Citations = [new Citation { N = 1, DocumentId = "doc_1", Title = "Pocket book", Publisher = "WHO", Edition = "2013", File = "p.pdf", Page = 106, PageEnd = 107, PageLabel = "82", Section = "4.2 Pneumonia", Quote = "Give ORS.", Score = 0.5 }],
        Timings = new AnswerTimings { RetrievalMs = 12, GenerationMs = 34 },
    };

    [Fact]
    public async Task A_pending_request_is_found_pending_without_an_answer()
    {
        var at = _clock.GetUtcNow();

        await _answers.MarkPendingAsync("r1", Ct);

        Assert.Equal(
            new AnswerEntry { RequestId = "r1", Status = AnswerStatus.Pending, CreatedAt = at, UpdatedAt = at },
            await _answers.FindAsync("r1", Ct));
        Assert.Null(await _answers.GetAsync("r1", Ct));
    }

    [Fact]
    public async Task Saving_the_answer_of_a_pending_request_completes_it()
    {
        var created = _clock.GetUtcNow();
        await _answers.MarkPendingAsync("r1", Ct);
        var completed = _clock.Advance();

        await _answers.SaveAsync("r1", Answer(), Ct);

        var entry = (await _answers.FindAsync("r1", Ct))!;
        Assert.Equal((AnswerStatus.Completed, (string?)null, created, completed), (entry.Status, entry.Reason, entry.CreatedAt, entry.UpdatedAt));
        Assert.Equal(Answer().Answer, entry.Answer!.Answer);
        Assert.Equal(Answer().Citations, entry.Answer.Citations);
        Assert.Equal(Answer().Timings, entry.Answer.Timings);
        Assert.Equal(entry.Answer.Answer, (await _answers.GetAsync("r1", Ct))!.Answer);
    }

    [Fact]
    public async Task A_failed_request_keeps_its_reason_and_has_no_answer()
    {
        await _answers.MarkPendingAsync("r1", Ct);
        var failed = _clock.Advance();

        await _answers.MarkFailedAsync("r1", "The generation worker did not answer within 120 s.", Ct);

        var entry = (await _answers.FindAsync("r1", Ct))!;
        Assert.Equal((AnswerStatus.Failed, "The generation worker did not answer within 120 s.", (CitedAnswer?)null, failed), (entry.Status, entry.Reason, entry.Answer, entry.UpdatedAt));
        Assert.Null(await _answers.GetAsync("r1", Ct));
    }

    [Fact]
    public async Task A_late_failure_never_hides_an_answer_that_was_saved()
    {
        await _answers.MarkPendingAsync("r1", Ct);
        await _answers.SaveAsync("r1", Answer(), Ct);
        var before = await _answers.FindAsync("r1", Ct);
        _clock.Advance();

        await _answers.MarkFailedAsync("r1", "timeout", Ct);
        await _answers.MarkPendingAsync("r1", Ct);

        var after = await _answers.FindAsync("r1", Ct);
        Assert.Equal((before!.Status, before.UpdatedAt, before.Answer!.Answer), (after!.Status, after.UpdatedAt, after.Answer!.Answer));
    }

    [Fact]
    public async Task An_answer_saved_after_a_failure_completes_the_request()
    {
        await _answers.MarkFailedAsync("r1", "worker lost", Ct);

        await _answers.SaveAsync("r1", Answer(), Ct);

        var entry = (await _answers.FindAsync("r1", Ct))!;
        Assert.Equal((AnswerStatus.Completed, (string?)null), (entry.Status, entry.Reason));
    }

    [Fact]
    public async Task Saving_again_replaces_the_answer_and_keeps_the_creation_time()
    {
        var created = _clock.GetUtcNow();
        await _answers.SaveAsync("r1", Answer("first [1]."), Ct);
        _clock.Advance();

        await _answers.SaveAsync("r1", Answer("second [1]."), Ct);

        var entry = (await _answers.FindAsync("r1", Ct))!;
        Assert.Equal(("second [1].", created), (entry.Answer!.Answer, entry.CreatedAt));
    }

    [Fact]
    public async Task An_unknown_request_is_not_found()
    {
        Assert.Null(await _answers.FindAsync("nope", Ct));
        Assert.Null(await _answers.GetAsync("nope", Ct));
    }

    [Fact]
    public async Task A_store_made_before_answer_status_opens_with_its_answers_completed()
    {
        string path = System.IO.Path.Combine(_dir.Path, "v3");
        string database = EmbeddedStore.DatabasePathIn(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(database)!);
        string json = System.Text.Json.JsonSerializer.Serialize(Answer(), System.Text.Json.JsonSerializerOptions.Web);
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            // The schema as the code before answer status left it: three migrations, an answer saved.
            create.CommandText = string.Concat(EmbeddedSchema.Migrations.Take(3)) + """
                PRAGMA user_version = 3;
                INSERT INTO answers (request_id, answer, created_at) VALUES ('old', $answer, '2025-11-02T08:00:00.0000000Z');
                """;
            create.Parameters.AddWithValue("$answer", json);
            create.ExecuteNonQuery();
        }
        using var store = _dir.OpenStore(_clock, pooling: false, path: path);
        var answers = new SqliteAnswerStore(store);

        var old = await answers.FindAsync("old", Ct);

        var at = new DateTimeOffset(2025, 11, 2, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal((AnswerStatus.Completed, (string?)null, at, at), (old!.Status, old.Reason, old.CreatedAt, old.UpdatedAt));
        Assert.Equal(Answer().Answer, (await answers.GetAsync("old", Ct))!.Answer);
        await answers.MarkPendingAsync("new", Ct);
        Assert.Equal(AnswerStatus.Pending, (await answers.FindAsync("new", Ct))!.Status);
    }
}
