using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Meditron.Retrieval.Embedded;

/// <summary>
/// The single SQLite database of the embedded shape (<c>{dataDir}/index/meditron.db</c>): opens
/// connections with the store's pragmas, creates or migrates the schema, and runs units of work in
/// short transactions with a retry when another process holds the lock too long.
/// </summary>
/// <remarks>
/// Pragmas: WAL journal (readers never block the writer and the other way round, across processes),
/// <c>synchronous=FULL</c> (each commit is fsynced: a commit that returned survives power loss, not
/// only a killed process; ingestion commits once per document so the cost is negligible), a busy
/// timeout, foreign keys on. Every operation opens its own (pooled) connection; writes start with
/// <c>BEGIN IMMEDIATE</c> so two writers never deadlock upgrading a read lock. No state lives outside
/// the database, so a process killed at any moment leaves the last committed state.
/// </remarks>
public sealed class EmbeddedStore : IDisposable
{
    /// <summary>SQLITE_BUSY and SQLITE_LOCKED: another connection holds the lock.</summary>
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private readonly EmbeddedStoreOptions _options;
    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _busyRetry;
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private volatile bool _initialized;

    /// <summary>A store under <paramref name="dataDirectory"/> with default options.</summary>
    public EmbeddedStore(string dataDirectory)
        : this(new EmbeddedStoreOptions { DataDirectory = dataDirectory })
    {
    }

    public EmbeddedStore(EmbeddedStoreOptions options, ILogger<EmbeddedStore>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        TimeProvider = timeProvider ?? TimeProvider.System;
        DatabasePath = DatabasePathIn(options.DataDirectory);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = options.Pooling,
            ForeignKeys = true,
            DefaultTimeout = options.BusyTimeoutSeconds,
        }.ToString();
        _busyRetry = BuildBusyRetry(options.MaxBusyRetries, _logger);
    }

    /// <summary>For dependency injection: options bound from <see cref="EmbeddedStoreOptions.SectionName"/>.</summary>
    public EmbeddedStore(IOptions<EmbeddedStoreOptions> options, ILogger<EmbeddedStore> logger, TimeProvider? timeProvider = null)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), logger, timeProvider)
    {
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Where the database of a data directory is (whether or not it exists yet).</summary>
    public static string DatabasePathIn(string dataDirectory) =>
        Path.GetFullPath(Path.Combine(dataDirectory, "index", "meditron.db"));

    /// <summary>The clock for created/updated/current timestamps.</summary>
    public TimeProvider TimeProvider { get; }

    internal ILogger Logger => _logger;

    /// <summary>
    /// Creates the directory and database, switches it to WAL and migrates the schema. Safe to call
    /// from several processes at once; every operation calls it on first use.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }
        await _initializeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            await WithBusyRetryAsync(MigrateAsync, cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    /// <summary>
    /// A number that grows (at least) whenever chunks are replaced or a document is marked indexed or
    /// failed, in any process: a search cache built at one value is fresh while the value has not moved.
    /// </summary>
    public Task<long> GetChangeVersionAsync(CancellationToken cancellationToken = default) =>
        ReadAsync((connection, ct) => ReadChangeVersionAsync(connection, null, ct), cancellationToken);

    /// <summary>The change counter, read inside the caller's transaction when there is one.</summary>
    internal static async Task<long> ReadChangeVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value FROM store_meta WHERE name = 'change_version';";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Moves the change counter inside a write transaction, so readers reload their caches.</summary>
    internal static async Task BumpChangeVersionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE store_meta SET value = value + 1 WHERE name = 'change_version';";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a connection with the store's pragmas, after making sure the schema is there.</summary>
    internal async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a read on its own connection (each statement sees one consistent snapshot).</summary>
    internal Task<T> ReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        WithBusyRetryAsync(async ct =>
        {
            var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await work(connection, ct).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>
    /// Runs a unit of work in one <c>BEGIN IMMEDIATE</c> transaction and commits it; on busy the
    /// whole unit is rolled back and run again.
    /// </summary>
    internal Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        WithBusyRetryAsync(async ct =>
        {
            var connection = await OpenConnectionAsync(ct).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var transaction = BeginImmediate(connection);
                T result = await work(connection, transaction, ct).ConfigureAwait(false);
                transaction.Commit();
                return result;
            }
        }, cancellationToken);

    /// <summary><c>BEGIN IMMEDIATE</c>: takes the write lock now rather than on the first write.</summary>
    internal static SqliteTransaction BeginImmediate(SqliteConnection connection) => connection.BeginTransaction(deferred: false);

    internal static bool IsBusy(SqliteException exception) =>
        exception.SqliteErrorCode is SqliteBusy or SqliteLocked;

    public void Dispose()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }
        _initializeLock.Dispose();
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            // Per connection; foreign_keys is set by the connection string.
            command.CommandText = string.Create(CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {_options.BusyTimeoutSeconds * 1000}; PRAGMA synchronous = FULL; PRAGMA journal_size_limit = 67108864;");
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using (var wal = connection.CreateCommand())
            {
                // Persistent in the file; a no-op once set.
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                string mode = (string)(await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"The embedded store at {DatabasePath} could not switch to WAL (journal mode is '{mode}').");
                }
            }

            using var transaction = BeginImmediate(connection);
            int from;
            using (var read = connection.CreateCommand())
            {
                read.Transaction = transaction;
                read.CommandText = "PRAGMA user_version;";
                from = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            }
            int to = EmbeddedSchema.LatestVersion;
            if (from > to)
            {
                throw new InvalidOperationException($"The embedded store at {DatabasePath} has schema version {from}, newer than this build's {to}.");
            }
            if (from == to)
            {
                return to;
            }
            for (int version = from; version < to; version++)
            {
                using var migrate = connection.CreateCommand();
                migrate.Transaction = transaction;
                migrate.CommandText = EmbeddedSchema.Migrations[version];
                await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            using (var stamp = connection.CreateCommand())
            {
                stamp.Transaction = transaction;
                stamp.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {to};");
                await stamp.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            transaction.Commit();
            EmbeddedStoreLog.SchemaMigrated(_logger, DatabasePath, from, to);
            return to;
        }
    }

    /// <summary>Runs the whole operation again when it still meets a busy database after the busy timeout.</summary>
    /// <exception cref="SqliteException">Busy or locked after the last retry (the last error, as is), or any other SQLite error.</exception>
    private async Task<T> WithBusyRetryAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        await _busyRetry.ExecuteAsync(
            static async (work, ct) => await work(ct).ConfigureAwait(false),
            operation,
            cancellationToken).ConfigureAwait(false);

    private static ResiliencePipeline BuildBusyRetry(int maxRetries, ILogger logger)
    {
        if (maxRetries == 0)
        {
            return ResiliencePipeline.Empty; // Polly wants at least one retry.
        }
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SqliteException>(IsBusy),
                MaxRetryAttempts = maxRetries,
                // 100 ms doubling up to 2 s, plus up to 50 ms so writers in several processes do not retry in step
                // (Polly's own jitter would spread the delays far wider).
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(TimeSpan.FromMilliseconds(BusyDelayMs(args.AttemptNumber))),
                OnRetry = args =>
                {
                    var error = (SqliteException)args.Outcome.Exception!;
                    EmbeddedStoreLog.BusyRetry(logger, error.SqliteErrorCode, args.AttemptNumber + 1, maxRetries, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .Build();
    }

    /// <param name="retry">0 before the first retry.</param>
    private static long BusyDelayMs(int retry) => Math.Min(100L << retry, 2000L) + Random.Shared.Next(0, 50);
}
