using System.Text.Json;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Npgsql;
using NpgsqlTypes;

namespace Meditron.Postgres;

/// <summary>
/// Requests by id in PostgreSQL (table <c>answers</c>), so that the API replica that accepted an async request and the
/// one the caller polls need not be the same: their status, and the cited answer as JSON once completed or the reason
/// once failed.
/// </summary>
public sealed class PostgresAnswerStore(PostgresDatabase database) : IAnswerStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task MarkPendingAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return WriteAsync(
            """
            INSERT INTO answers (request_id, status, answer, reason, created_at, updated_at)
            VALUES (@id, 'pending', NULL, NULL, @now, @now)
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
            VALUES (@id, 'completed', @answer, NULL, @now, @now)
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
            VALUES (@id, 'failed', NULL, @reason, @now, @now)
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
        return database.ReadAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand("SELECT status, answer::text, reason, created_at, updated_at FROM answers WHERE request_id = @id;", connection);
            command.Parameters.AddWithValue("id", requestId);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(requestId, reader) : null;
        }, cancellationToken);
    }

    private Task<int> WriteAsync(string sql, string requestId, string? answer, string? reason, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("id", requestId);
            command.Parameters.AddWithValue("now", PgValues.Utc(database.TimeProvider.GetUtcNow()));
            if (answer is not null)
            {
                command.Parameters.AddWithValue("answer", NpgsqlDbType.Jsonb, answer);
            }
            if (reason is not null)
            {
                command.Parameters.AddWithValue("reason", reason);
            }
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    private static AnswerEntry Read(string requestId, NpgsqlDataReader r) => new()
    {
        RequestId = requestId,
        Status = r.GetString(0) switch
        {
            "pending" => AnswerStatus.Pending,
            "completed" => AnswerStatus.Completed,
            "failed" => AnswerStatus.Failed,
            var other => throw new InvalidDataException($"Unknown answer status '{other}' in PostgreSQL."),
        },
        Answer = r.IsDBNull(1) ? null : JsonSerializer.Deserialize<CitedAnswer>(r.GetString(1), Json),
        Reason = r.IsDBNull(2) ? null : r.GetString(2),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(3),
        UpdatedAt = r.GetFieldValue<DateTimeOffset>(4),
    };
}
