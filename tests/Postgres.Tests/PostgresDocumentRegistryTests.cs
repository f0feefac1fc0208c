using Meditron.Core.Ports;
using Npgsql;

namespace Meditron.Postgres.Tests;

/// <summary>The <see cref="DocumentRegistryContract"/> on PostgreSQL, in a fresh schema, and the database's own guard on current editions.</summary>
public sealed class PostgresDocumentRegistryTests : DocumentRegistryContract, IAsyncLifetime
{
    private readonly TestSchema _schema = new();
    private readonly PostgresDocumentRegistry _store;

    public PostgresDocumentRegistryTests() => _store = new PostgresDocumentRegistry(_schema.OpenDatabase(Clock));

    protected override IDocumentRegistry Registry => _store;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DropAsync();

    [SkippableFact]
    public async Task The_database_itself_allows_one_current_edition_per_guideline()
    {
        await IngestAsync("old", "k", "2023");
        await Registry.RegisterAsync(TestData.Document("new", "k", "2025"), Ct);

        await using var connection = await _schema.OpenConnectionAsync();
        await using var update = new NpgsqlCommand("UPDATE documents SET status = 'indexed', current = true WHERE document_id = 'new';", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());

        Assert.Equal((PostgresErrorCodes.UniqueViolation, "ux_documents_current"), (error.SqlState, error.ConstraintName));
        Assert.True((await Registry.GetAsync("old", Ct))!.Current);
    }
}
