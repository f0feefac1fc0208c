using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Meditron.Retrieval.Embedded;
using Microsoft.Data.Sqlite;

namespace Meditron.Retrieval.Tests.Embedded;

/// <summary>The <see cref="AnswerStoreContract"/> on the embedded store, and what only SQLite does (stores from older schemas).</summary>
public sealed class SqliteAnswerStoreTests : AnswerStoreContract, IDisposable
{
    private readonly TempDataDirectory _dir = new();
    private readonly EmbeddedStore _store;
    private readonly SqliteAnswerStore _answers;

    public SqliteAnswerStoreTests()
    {
        _store = _dir.OpenStore(Clock);
        _answers = new SqliteAnswerStore(_store);
    }

    protected override IAnswerStore Answers => _answers;

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
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
        using var store = _dir.OpenStore(Clock, pooling: false, path: path);
        var answers = new SqliteAnswerStore(store);

        var old = await answers.FindAsync("old", Ct);

        var at = new DateTimeOffset(2025, 11, 2, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal((AnswerStatus.Completed, (string?)null, at, at), (old!.Status, old.Reason, old.CreatedAt, old.UpdatedAt));
        Assert.Equal(Answer().Answer, (await answers.GetAsync("old", Ct))!.Answer);
        await answers.MarkPendingAsync("new", Ct);
        Assert.Equal(AnswerStatus.Pending, (await answers.FindAsync("new", Ct))!.Status);
    }
}
