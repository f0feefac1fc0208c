using Npgsql;

namespace Meditron.Postgres.Tests;

/// <summary>The schema is created and migrated on first use, once however many processes start at once, and never downgraded.</summary>
public sealed class PostgresSchemaTests : IAsyncLifetime
{
    private readonly TestSchema _schema = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DropAsync();

    [SkippableFact]
    public async Task The_schema_is_created_and_migrated_on_first_use()
    {
        var database = _schema.OpenDatabase();
        Assert.False(await _schema.ExistsAsync());

        Assert.Empty(await new PostgresDocumentRegistry(database).ListAsync(CancellationToken.None));

        Assert.True(await _schema.ExistsAsync());
        Assert.Equal(1, await database.GetSchemaVersionAsync());
        Assert.Equal([(1, "0001_shared_state.sql")], await VersionRowsAsync(_schema));
    }

    [SkippableFact]
    public async Task Two_processes_initialising_a_fresh_schema_at_once_both_succeed_and_migrate_it_once()
    {
        // A few rounds, each on a fresh schema, so the race is run more than once.
        for (int round = 0; round < 5; round++)
        {
            var schema = new TestSchema();
            try
            {
                var first = schema.OpenDatabase();
                var second = schema.OpenDatabase();

                await Task.WhenAll(Task.Run(() => first.InitializeAsync()), Task.Run(() => second.InitializeAsync()));

                Assert.Equal([(1, "0001_shared_state.sql")], await VersionRowsAsync(schema));
                Assert.Equal((1, 1), (await first.GetSchemaVersionAsync(), await second.GetSchemaVersionAsync()));
            }
            finally
            {
                await schema.DropAsync();
            }
        }
    }

    [SkippableFact]
    public async Task A_schema_newer_than_this_build_is_refused_with_a_clear_message()
    {
        await _schema.OpenDatabase().InitializeAsync();
        await using (var connection = await _schema.OpenConnectionAsync())
        {
            await using var stamp = new NpgsqlCommand("INSERT INTO schema_version (version, name, applied_at) VALUES (2, '0002_future.sql', now());", connection);
            await stamp.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _schema.OpenDatabase().InitializeAsync());

        Assert.Contains($"'{_schema.Name}' has version 2, newer than this build's 1", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<(int Version, string Name)>> VersionRowsAsync(TestSchema schema)
    {
        await using var connection = await schema.OpenConnectionAsync();
        await using var select = new NpgsqlCommand("SELECT version, name FROM schema_version ORDER BY version;", connection);
        await using var reader = await select.ExecuteReaderAsync();
        var rows = new List<(int, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1)));
        }
        return rows;
    }
}
