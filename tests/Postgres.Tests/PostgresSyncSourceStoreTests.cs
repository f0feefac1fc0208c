using Meditron.Core.Ports;

namespace Meditron.Postgres.Tests;

/// <summary>The <see cref="SyncSourceStoreContract"/> on PostgreSQL, in a fresh schema.</summary>
public sealed class PostgresSyncSourceStoreTests : SyncSourceStoreContract, IAsyncLifetime
{
    private readonly TestSchema _schema = new();

    protected override Task<ISyncSourceStore> CreateStoreAsync() =>
        Task.FromResult<ISyncSourceStore>(new PostgresSyncSourceStore(_schema.OpenDatabase()));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DropAsync();
}
