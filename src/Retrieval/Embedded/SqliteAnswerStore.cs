using System.Text.Json;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Microsoft.Data.Sqlite;

namespace Meditron.Retrieval.Embedded;

/// <summary>
/// Requests by id in the embedded store (table <c>answers</c>): their status, and the JSON of the cited answer once
/// completed or the reason once failed.
/// </summary>
public sealed class SqliteAnswerStore(EmbeddedStore store) : IAnswerStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task MarkPendingAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return WriteAsync(
            """
            INSERT INTO answers (request_id, status, answer, reason, created_at, updated_at)
            VALUES ($id, 'pending', NULL, NULL, $now, $now)
            ON CONFLICT (request_id) DO NOTHING;
            """,
            requestId, answer: null, reason: null, cancellationToken);
    }

    public Task SaveAsync(string requestId, CitedAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        ArgumentNullException.ThrowIfNull(answer);
        return WriteAsync(
            """
            INSERT INTO answers (request_id, status, answer, reason, created_at, updated_at)
            VALUES ($id, 'completed', $answer, NULL, $now, $now)
            ON CONFLICT (request_id) DO UPDATE
            SET status = 'completed', answer = excluded.answer, reason = NULL, updated_at = excluded.updated_at;
            """,
            requestId, JsonSerializer.Serialize(answer, Json), reason: null, cancellationToken);
    }

    public Task MarkFailedAsync(string requestId, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        ArgumentNullException.ThrowIfNull(reason);
        // A late failure (the asker timed out after the worker answered) must not hide an answer that exists.
        return WriteAsync(
            """
            INSERT INTO answers (request_id, status, answer, reason, created_at, updated_at)
            VALUES ($id, 'failed', NULL, $reason, $now, $now)
            ON CONFLICT (request_id) DO UPDATE
            SET status = 'failed', reason = excluded.reason, updated_at = excluded.updated_at
            WHERE answers.status <> 'completed';
            """,
            requestId, answer: null, reason, cancellationToken);
    }

    public async Task<CitedAnswer?> GetAsync(string requestId, CancellationToken cancellationToken) =>
        await FindAsync(requestId, cancellationToken) is { Status: AnswerStatus.Completed } entry ? entry.Answer : null;

    public Task<AnswerEntry?> FindAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return store.ReadAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT status, answer, reason, created_at, updated_at FROM answers WHERE request_id = $id;";
            command.Parameters.AddWithValue("$id", requestId);
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(requestId, reader) : null;
        }, cancellationToken);
    }

    private Task<int> WriteAsync(string sql, string requestId, string? answer, string? reason, CancellationToken cancellationToken) =>
        store.WriteAsync(async (connection, transaction, ct) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", requestId);
            command.Parameters.AddWithValue("$now", DbValues.Timestamp(store.TimeProvider.GetUtcNow()));
            if (answer is not null)
            {
                command.Parameters.AddWithValue("$answer", answer);
            }
            if (reason is not null)
            {
                command.Parameters.AddWithValue("$reason", reason);
            }
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    private static AnswerEntry Read(string requestId, SqliteDataReader r) => new()
    {
        RequestId = requestId,
        Status = r.GetString(0) switch
        {
            "pending" => AnswerStatus.Pending,
            "completed" => AnswerStatus.Completed,
            "failed" => AnswerStatus.Failed,
            var other => throw new InvalidDataException($"Unknown answer status '{other}' in the embedded store."),
        },
        Answer = r.IsDBNull(1) ? null : JsonSerializer.Deserialize<CitedAnswer>(r.GetString(1), Json),
        Reason = r.IsDBNull(2) ? null : r.GetString(2),
        CreatedAt = DbValues.ParseTimestamp(r.GetString(3)),
        UpdatedAt = DbValues.ParseTimestamp(r.GetString(4)),
    };
}
