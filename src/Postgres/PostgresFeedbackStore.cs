using System.Text.Json;
using Meditron.Core.Feedback;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Npgsql;
using NpgsqlTypes;

namespace Meditron.Postgres;

/// <summary>
/// Clinicians' ratings in PostgreSQL (table <c>feedback</c>), shared by every API replica: the answer snapshot as
/// jsonb, the categories as a text array.
/// </summary>
public sealed class PostgresFeedbackStore(PostgresDatabase database) : IFeedbackStore
{
    private const string Columns = "id, request_id, helpful, categories, comment, question, answer::text, engine, model, key_name, created_at";

    // One statement whatever the filters: a filter left null matches every row.
    private const string Where =
        """
        WHERE (@since::timestamptz IS NULL OR created_at >= @since)
          AND (@category::text IS NULL OR @category = ANY (categories))
          AND (@helpful::boolean IS NULL OR helpful = @helpful)
          AND (@requestId::text IS NULL OR request_id = @requestId)
        """;

    // Ids compare byte by byte, as in SQLite, whatever the database's collation.
    private const string Order = "ORDER BY created_at, id COLLATE \"C\"";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<FeedbackEntry> AddAsync(FeedbackEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.Id);
        ArgumentException.ThrowIfNullOrEmpty(entry.RequestId);
        ArgumentNullException.ThrowIfNull(entry.Answer);
        var stored = entry.CreatedAt == default ? entry with { CreatedAt = database.TimeProvider.GetUtcNow() } : entry;
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO feedback (id, request_id, helpful, categories, comment, question, answer, engine, model, key_name, created_at)
                VALUES (@id, @requestId, @helpful, @categories, @comment, @question, @answer, @engine, @model, @keyName, @createdAt);
                """, connection, transaction);
            var p = insert.Parameters;
            p.AddWithValue("id", stored.Id);
            p.AddWithValue("requestId", stored.RequestId);
            p.AddWithValue("helpful", stored.Helpful);
            p.AddWithValue("categories", NpgsqlDbType.Array | NpgsqlDbType.Text, stored.Categories.ToArray());
            p.AddWithValue("comment", (object?)stored.Comment ?? DBNull.Value);
            p.AddWithValue("question", (object?)stored.Question ?? DBNull.Value);
            p.AddWithValue("answer", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(stored.Answer, Json));
            p.AddWithValue("engine", stored.Engine);
            p.AddWithValue("model", stored.Model);
            p.AddWithValue("keyName", (object?)stored.KeyName ?? DBNull.Value);
            p.AddWithValue("createdAt", PgValues.Utc(stored.CreatedAt));
            return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public Task<FeedbackEntry?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return database.ReadAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand($"SELECT {Columns} FROM feedback WHERE id = @id;", connection);
            command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(reader) : null;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<FeedbackEntry>> ListAsync(FeedbackQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return database.ReadAsync<IReadOnlyList<FeedbackEntry>>(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand($"SELECT {Columns} FROM feedback {Where} {Order} LIMIT @limit OFFSET @offset;", connection);
            AddFilters(command, query);
            command.Parameters.AddWithValue("limit", query.Limit);
            command.Parameters.AddWithValue("offset", query.Offset);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
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
        return database.ReadAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM feedback {Where};", connection);
            AddFilters(command, query);
            return Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);
    }

    /// <summary>Typed, so that a null filter still has a type for PostgreSQL.</summary>
    private static void AddFilters(NpgsqlCommand command, FeedbackQuery query)
    {
        var p = command.Parameters;
        p.Add(new NpgsqlParameter("since", NpgsqlDbType.TimestampTz) { Value = PgValues.Utc(query.Since) });
        p.Add(new NpgsqlParameter("category", NpgsqlDbType.Text) { Value = (object?)query.Category ?? DBNull.Value });
        p.Add(new NpgsqlParameter("helpful", NpgsqlDbType.Boolean) { Value = (object?)query.Helpful ?? DBNull.Value });
        p.Add(new NpgsqlParameter("requestId", NpgsqlDbType.Text) { Value = (object?)query.RequestId ?? DBNull.Value });
    }

    private static FeedbackEntry Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0),
        RequestId = r.GetString(1),
        Helpful = r.GetBoolean(2),
        Categories = r.GetFieldValue<string[]>(3),
        Comment = r.IsDBNull(4) ? null : r.GetString(4),
        Question = r.IsDBNull(5) ? null : r.GetString(5),
        Answer = JsonSerializer.Deserialize<CitedAnswer>(r.GetString(6), Json)
            ?? throw new InvalidDataException("A feedback row without its answer in PostgreSQL."),
        Engine = r.GetString(7),
        Model = r.GetString(8),
        KeyName = r.IsDBNull(9) ? null : r.GetString(9),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(10),
    };
}
