using System.Text.Json;
using Meditron.Core.Feedback;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Microsoft.Data.Sqlite;

namespace Meditron.Retrieval.Embedded;

/// <summary>
/// Clinicians' ratings in the embedded store (table <c>feedback</c>): the answer snapshot and the categories as JSON.
/// </summary>
public sealed class SqliteFeedbackStore(EmbeddedStore store) : IFeedbackStore
{
    private const string Columns = "id, request_id, helpful, categories, comment, question, answer, engine, model, key_name, created_at";

    // One statement whatever the filters: a filter left null matches every row.
    private const string Where =
        """
        WHERE ($since IS NULL OR created_at >= $since)
          AND ($category IS NULL OR EXISTS (SELECT 1 FROM json_each(feedback.categories) WHERE json_each.value = $category))
          AND ($helpful IS NULL OR helpful = $helpful)
          AND ($requestId IS NULL OR request_id = $requestId)
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<FeedbackEntry> AddAsync(FeedbackEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.Id);
        ArgumentException.ThrowIfNullOrEmpty(entry.RequestId);
        ArgumentNullException.ThrowIfNull(entry.Answer);
        var stored = entry.CreatedAt == default ? entry with { CreatedAt = store.TimeProvider.GetUtcNow() } : entry;
        await store.WriteAsync(async (connection, transaction, ct) =>
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText =
                $"""
                INSERT INTO feedback ({Columns})
                VALUES ($id, $requestId, $helpful, $categories, $comment, $question, $answer, $engine, $model, $keyName, $createdAt);
                """;
            var p = insert.Parameters;
            p.AddWithValue("$id", stored.Id);
            p.AddWithValue("$requestId", stored.RequestId);
            p.AddWithValue("$helpful", stored.Helpful ? 1 : 0);
            p.AddWithValue("$categories", JsonSerializer.Serialize(stored.Categories, Json));
            p.AddWithValue("$comment", DbValues.Nullable(stored.Comment));
            p.AddWithValue("$question", DbValues.Nullable(stored.Question));
            p.AddWithValue("$answer", JsonSerializer.Serialize(stored.Answer, Json));
            p.AddWithValue("$engine", stored.Engine);
            p.AddWithValue("$model", stored.Model);
            p.AddWithValue("$keyName", DbValues.Nullable(stored.KeyName));
            p.AddWithValue("$createdAt", DbValues.Timestamp(stored.CreatedAt));
            return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public Task<FeedbackEntry?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return store.ReadAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM feedback WHERE id = $id;";
            command.Parameters.AddWithValue("$id", id);
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(reader) : null;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<FeedbackEntry>> ListAsync(FeedbackQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return store.ReadAsync<IReadOnlyList<FeedbackEntry>>(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM feedback {Where} ORDER BY created_at, id LIMIT $limit OFFSET $offset;";
            AddFilters(command, query);
            command.Parameters.AddWithValue("$limit", query.Limit);
            command.Parameters.AddWithValue("$offset", query.Offset);
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var entries = new List<FeedbackEntry>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                entries.Add(Read(reader));
            }
            return entries;
        }, cancellationToken);
    }

    public Task<int> CountAsync(FeedbackQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return store.ReadAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM feedback {Where};";
            AddFilters(command, query);
            return Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);
    }

    private static void AddFilters(SqliteCommand command, FeedbackQuery query)
    {
        var p = command.Parameters;
        p.AddWithValue("$since", query.Since is { } since ? DbValues.Timestamp(since) : DBNull.Value);
        p.AddWithValue("$category", DbValues.Nullable(query.Category));
        p.AddWithValue("$helpful", query.Helpful is { } helpful ? (helpful ? 1 : 0) : DBNull.Value);
        p.AddWithValue("$requestId", DbValues.Nullable(query.RequestId));
    }

    private static FeedbackEntry Read(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        RequestId = r.GetString(1),
        Helpful = r.GetInt64(2) == 1,
        Categories = JsonSerializer.Deserialize<List<string>>(r.GetString(3), Json) ?? [],
        Comment = r.IsDBNull(4) ? null : r.GetString(4),
        Question = r.IsDBNull(5) ? null : r.GetString(5),
        Answer = JsonSerializer.Deserialize<CitedAnswer>(r.GetString(6), Json)
            ?? throw new InvalidDataException("A feedback row without its answer in the embedded store."),
        Engine = r.GetString(7),
        Model = r.GetString(8),
        KeyName = r.IsDBNull(9) ? null : r.GetString(9),
        CreatedAt = DbValues.ParseTimestamp(r.GetString(10)),
    };
}
