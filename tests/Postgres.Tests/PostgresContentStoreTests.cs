using Meditron.Core.Ports;

namespace Meditron.Postgres.Tests;

/// <summary>The <see cref="ContentStoreContract"/> on PostgreSQL, in a fresh schema.</summary>
public sealed class PostgresContentStoreTests : ContentStoreContract, IAsyncLifetime
{
    private readonly TestSchema _schema = new();
    private readonly PostgresContentStore _store;

    public PostgresContentStoreTests() => _store = new PostgresContentStore(_schema.OpenDatabase());

    protected override IContentStore Store => _store;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DropAsync();
}
