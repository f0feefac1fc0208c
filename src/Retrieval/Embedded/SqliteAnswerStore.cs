using System.Text.Json;
using Meditron.Core.Generation;
using Meditron.Core.Ports;

namespace Meditron.Retrieval.Embedded;

/// <summary>Answers by request id in the embedded store (table <c>answers</c>), as the JSON of the cited answer.</summary>
public sealed class SqliteAnswerStore(EmbeddedStore store) : IAnswerStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task SaveAsync(string requestId, CitedAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        ArgumentNullException.ThrowIfNull(answer);
        return store.WriteAsync(async (connection, transaction, ct) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                """
                INSERT INTO answers (request_id, answer, created_at) VALUES ($id, $answer, $now)
                ON CONFLICT (request_id) DO UPDATE SET answer = excluded.answer;
                """;
            command.Parameters.AddWithValue("$id", requestId);
            command.Parameters.AddWithValue("$answer", JsonSerializer.Serialize(answer, Json));
            command.Parameters.AddWithValue("$now", DbValues.Timestamp(store.TimeProvider.GetUtcNow()));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<CitedAnswer?> GetAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return store.ReadAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT answer FROM answers WHERE request_id = $id;";
            command.Parameters.AddWithValue("$id", requestId);
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is string json
                ? JsonSerializer.Deserialize<CitedAnswer>(json, Json)
                : null;
        }, cancellationToken);
    }
}
