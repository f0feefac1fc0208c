using System.Globalization;
using Meditron.Core.Retrieval;
using Microsoft.Data.Sqlite;

namespace Meditron.Retrieval.Embedded;

/// <summary>
/// The embedding model of the store's vectors, recorded in <c>store_meta</c> at the first write. Its value column is
/// an INTEGER (STRICT table), so the row is named <c>embedding_model:</c> + the model id and holds the dimension; a
/// row inserted when missing needs no schema migration, and a store made before the record gets it at its next write.
/// </summary>
internal static class StoredEmbeddingModel
{
    internal const string NamePrefix = "embedding_model:";

    /// <summary>Stands for the model of vectors written before the store recorded one.</summary>
    internal const string UnrecordedId = "(not recorded)";

    /// <summary>The recorded model; null when none is (a new store, or one older than the record).</summary>
    public static async Task<EmbeddingModel?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name, value FROM store_meta WHERE substr(name, 1, length($prefix)) = $prefix ORDER BY name LIMIT 1;";
        command.Parameters.AddWithValue("$prefix", NamePrefix);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new EmbeddingModel(reader.GetString(0)[NamePrefix.Length..], reader.GetInt32(1))
            : null;
    }

    /// <summary>
    /// Inside a write transaction: records <paramref name="configured"/> when the store has no model yet (or has no
    /// vectors left, so nothing to mix with), and refuses a store whose vectors come from another model.
    /// </summary>
    /// <exception cref="EmbeddingModelMismatchException">The store holds vectors of another model.</exception>
    public static async Task EnsureAsync(SqliteConnection connection, SqliteTransaction transaction, EmbeddingModel configured, string databasePath, CancellationToken cancellationToken)
    {
        var recorded = await ReadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (recorded == configured)
        {
            return;
        }

        int? storedDimension = await StoredDimensionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (storedDimension is int dimension)
        {
            // Vectors written before the record: only their size can tell another model apart.
            var indexed = recorded ?? new EmbeddingModel(UnrecordedId, dimension);
            if (recorded is not null || dimension != configured.Dimension)
            {
                throw EmbeddingModelMismatchException.For(Describe(databasePath), FreshIndex, indexed, configured);
            }
        }

        using var record = connection.CreateCommand();
        record.Transaction = transaction;
        record.CommandText =
            """
            DELETE FROM store_meta WHERE substr(name, 1, length($prefix)) = $prefix;
            INSERT INTO store_meta (name, value) VALUES ($name, $dimension);
            """;
        record.Parameters.AddWithValue("$prefix", NamePrefix);
        record.Parameters.AddWithValue("$name", NamePrefix + configured.Id);
        record.Parameters.AddWithValue("$dimension", configured.Dimension);
        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses <paramref name="configured"/> when the store holds vectors of another model (reads only; the next write records it).</summary>
    /// <exception cref="EmbeddingModelMismatchException">The store holds vectors of another model.</exception>
    public static async Task CheckAsync(SqliteConnection connection, EmbeddingModel configured, string databasePath, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        var recorded = await ReadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (recorded != configured)
        {
            int? dimension = await StoredDimensionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            CheckSearch(recorded, dimension ?? 0, configured, databasePath);
        }
    }

    /// <summary>Refuses a search with <paramref name="configured"/> over vectors of another model (an empty store mixes nothing).</summary>
    /// <param name="recorded">The store's record, null when it has none.</param>
    /// <param name="dimension">The size of the stored vectors; 0 when there are none.</param>
    /// <exception cref="EmbeddingModelMismatchException">The store holds vectors of another model.</exception>
    public static void CheckSearch(EmbeddingModel? recorded, int dimension, EmbeddingModel configured, string databasePath)
    {
        if (dimension == 0 || recorded == configured || (recorded is null && dimension == configured.Dimension))
        {
            return;
        }

        throw EmbeddingModelMismatchException.For(Describe(databasePath), FreshIndex, recorded ?? new EmbeddingModel(UnrecordedId, dimension), configured);
    }

    private const string FreshIndex = "a new data directory (--data or Data:Directory)";

    private static string Describe(string databasePath) => $"The embedded store at {databasePath}";

    /// <summary>The size of a stored vector (they all have one size), or null when the store has none.</summary>
    private static async Task<int?> StoredDimensionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT length(vector) / 4 FROM chunks LIMIT 1;";
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }
}
