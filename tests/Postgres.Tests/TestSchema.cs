using Npgsql;

namespace Meditron.Postgres.Tests;

/// <summary>
/// A fresh schema ("t_" + a GUID) in the test database named by <c>MEDITRON_TEST_POSTGRES</c>, dropped (with everything
/// in it) by <see cref="DropAsync"/>, so test classes never see each other's rows.
/// </summary>
/// <remarks>
/// Without the variable the test is skipped on a developer machine, but fails in CI (the variable <c>CI</c> is set):
/// CI always provides the database, so a missing variable there is a broken pipeline, not a reason to skip.
/// </remarks>
internal sealed class TestSchema
{
    public const string Variable = "MEDITRON_TEST_POSTGRES";

    private readonly List<PostgresDatabase> _databases = [];

    public TestSchema()
    {
        ConnectionString = ConnectionStringFromEnvironment();
        Name = "t_" + Guid.NewGuid().ToString("N");
    }

    public string ConnectionString { get; }

    public string Name { get; }

    public PostgresOptions Options => new() { ConnectionString = ConnectionString, Schema = Name };

    /// <summary>A database on this schema with its own data source (as another process would have); disposed by <see cref="DropAsync"/>.</summary>
    public PostgresDatabase OpenDatabase(TimeProvider? clock = null)
    {
        var database = new PostgresDatabase(Options, timeProvider: clock);
        _databases.Add(database);
        return database;
    }

    /// <summary>A plain connection whose search path is this schema, for raw SQL; unpooled, so no idle connection outlives the test.</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = Name, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Whether the schema exists in the database.</summary>
    public async Task<bool> ExistsAsync()
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @name);", connection);
        command.Parameters.AddWithValue("name", Name);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Disposes the databases opened on the schema, then drops it with everything in it.</summary>
    public async Task DropAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
        await using var connection = await OpenConnectionAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Name}\" CASCADE;", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string ConnectionStringFromEnvironment()
    {
        string? connectionString = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set, but CI is: the PostgreSQL tests must run in CI. Start the database (bash scripts/postgres start) and set {Variable} to the connection string it prints.");
        }
        throw new SkipException($"{Variable} is not set: start PostgreSQL with `bash scripts/postgres start` and set {Variable} to the connection string it prints.");
    }
}
