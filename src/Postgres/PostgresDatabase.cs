using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Meditron.Postgres;

/// <summary>
/// The PostgreSQL database of the shared state: a pooled data source whose connections work in the configured schema,
/// the schema migrated once per process on first use, and units of work in short transactions.
/// </summary>
/// <remarks>
/// Processes starting at once do not race: the migration runs under a transaction-scoped advisory lock, so one applies
/// the scripts while the others wait and then find nothing to do. Status changes take a per-guideline advisory lock
/// (<see cref="LockGuidelineAsync"/>), so edition flips of one guideline take turns across every node.
/// </remarks>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private volatile bool _initialized;

    public PostgresDatabase(PostgresOptions options, ILogger<PostgresDatabase>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Schema);
        // The name goes into CREATE SCHEMA and the search path as is: a lowercase identifier only, however built.
        if (!PostgresOptions.IsSchemaName(options.Schema))
        {
            throw new ArgumentException($"'{options.Schema}' is not a lowercase SQL identifier; Storage:Postgres:Schema must be one.", nameof(options));
        }
        Schema = options.Schema;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        TimeProvider = timeProvider ?? TimeProvider.System;
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString) { SearchPath = options.Schema };
        _dataSource = NpgsqlDataSource.Create(connection);
    }

    /// <summary>For dependency injection: options bound from <see cref="PostgresOptions.SectionName"/>.</summary>
    public PostgresDatabase(IOptions<PostgresOptions> options, ILogger<PostgresDatabase> logger, TimeProvider timeProvider)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), logger, timeProvider)
    {
    }

    /// <summary>The schema of Meditron's tables.</summary>
    public string Schema { get; }

    /// <summary>The clock for created/updated/current timestamps.</summary>
    public TimeProvider TimeProvider { get; }

    internal ILogger Logger => _logger;

    /// <summary>
    /// Creates the schema and applies the scripts it lacks. Safe to call from several processes at once; every operation
    /// calls it on first use.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database's schema is newer than this build's.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }
        await _initializeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await MigrateAsync(cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    /// <summary>The version the schema has now (0 before the first migration).</summary>
    public Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version;", connection);
            return Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    /// <summary>Runs a read on its own pooled connection.</summary>
    internal async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await work(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a unit of work in one transaction and commits it; an exception rolls it back.</summary>
    internal async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                T result = await work(connection, transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    /// <summary>
    /// Takes the guideline's edition lock until the transaction ends: status changes of its documents and publishing its
    /// current edition to the index take turns, on every node.
    /// </summary>
    internal Task LockGuidelineAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string guidelineKey, CancellationToken cancellationToken) =>
        AdvisoryLockAsync(connection, transaction, $"meditron:{Schema}:guideline:{guidelineKey}", cancellationToken);

    public void Dispose()
    {
        _dataSource.Dispose();
        _initializeLock.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _initializeLock.Dispose();
    }

    private static async Task AdvisoryLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@name, 0));", connection, transaction);
        command.Parameters.AddWithValue("name", name);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Before anything else, even CREATE SCHEMA IF NOT EXISTS, which two sessions cannot run at once safely.
                await AdvisoryLockAsync(connection, transaction, $"meditron:{Schema}:migrate", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction,
                    $"""
                    CREATE SCHEMA IF NOT EXISTS "{Schema}";
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version     integer     NOT NULL PRIMARY KEY,
                        name        text        NOT NULL,
                        applied_at  timestamptz NOT NULL
                    );
                    """, cancellationToken).ConfigureAwait(false);
                int from;
                await using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version;", connection, transaction))
                {
                    from = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
                }
                int to = PostgresSchema.LatestVersion;
                if (from > to)
                {
                    throw new InvalidOperationException(
                        $"The PostgreSQL schema '{Schema}' has version {from}, newer than this build's {to}: upgrade this process, or point it at another schema.");
                }
                foreach (var (version, name, sql) in PostgresSchema.Migrations.Where(m => m.Version > from))
                {
                    await ExecuteAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
                    await using var stamp = new NpgsqlCommand("INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @now);", connection, transaction);
                    stamp.Parameters.AddWithValue("version", version);
                    stamp.Parameters.AddWithValue("name", name);
                    stamp.Parameters.AddWithValue("now", TimeProvider.GetUtcNow());
                    await stamp.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                if (to > from)
                {
                    PostgresLog.SchemaMigrated(_logger, Schema, from, to);
                }
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
