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
        Assert.Equal(Scripts.Count, await database.GetSchemaVersionAsync());
        Assert.Equal(Scripts, await VersionRowsAsync(_schema));
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

                Assert.Equal(Scripts, await VersionRowsAsync(schema));
                Assert.Equal((Scripts.Count, Scripts.Count), (await first.GetSchemaVersionAsync(), await second.GetSchemaVersionAsync()));
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
            await using var stamp = new NpgsqlCommand("INSERT INTO schema_version (version, name, applied_at) VALUES (@version, '9999_future.sql', now());", connection);
            stamp.Parameters.AddWithValue("version", Scripts.Count + 1);
            await stamp.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _schema.OpenDatabase().InitializeAsync());

        Assert.Contains($"'{_schema.Name}' has version {Scripts.Count + 1}, newer than this build's {Scripts.Count}", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_schema_of_an_older_build_is_migrated_at_start_and_keeps_its_rows()
    {
        // What the build before sync sources left: version 1 only, with a document in it.
        await using (var connection = await _schema.OpenConnectionAsync())
        {
            await using var create = new NpgsqlCommand(
                $"""
                CREATE SCHEMA "{_schema.Name}";
                CREATE TABLE schema_version (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL);
                {PostgresSchema.Migrations[0].Sql}
                INSERT INTO schema_version VALUES (1, '{Scripts[0].Name}', now());
                """, connection);
            await create.ExecuteNonQueryAsync();
        }
        var database = _schema.OpenDatabase();
        var registry = new PostgresDocumentRegistry(database);
        await using (var connection = await _schema.OpenConnectionAsync())
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO documents (document_id, file, sha256, content_ref, title, guideline_key, edition, publisher, language, status, created_at, updated_at) " +
                "VALUES ('old', 'old.pdf', '', '', 'Old', 'k', '2020', 'WHO', 'en', 'pending', now(), now());", connection);
            await insert.ExecuteNonQueryAsync();
        }

        Assert.Equal("old", Assert.Single(await registry.ListAsync(CancellationToken.None)).DocumentId);
        Assert.Equal(Scripts, await VersionRowsAsync(_schema));
        Assert.Null(await new PostgresSyncSourceStore(database).GetAsync("https://example.org/x.pdf", CancellationToken.None));
    }

    /// <summary>Every script of this build, by version.</summary>
    private static List<(int Version, string Name)> Scripts { get; } = PostgresSchema.Migrations.Select(m => (m.Version, m.Name)).ToList();

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
