using Meditron.Core.Ports;
using Meditron.Retrieval.Embedded;

namespace Meditron.Retrieval.Tests.Embedded;

/// <summary>The <see cref="SyncSourceStoreContract"/> on the embedded SQLite store.</summary>
public sealed class SqliteSyncSourceStoreTests : SyncSourceStoreContract, IDisposable
{
    private readonly TempDataDirectory _directory = new();
    private EmbeddedStore? _store;

    protected override Task<ISyncSourceStore> CreateStoreAsync() =>
        Task.FromResult<ISyncSourceStore>(new SqliteSyncSourceStore(_store ??= _directory.OpenStore()));

    public void Dispose()
    {
        _store?.Dispose();
        _directory.Dispose();
    }
}
