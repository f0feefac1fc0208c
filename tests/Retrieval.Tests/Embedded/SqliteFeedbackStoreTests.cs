using Meditron.Core.Ports;
using Meditron.Retrieval.Embedded;

namespace Meditron.Retrieval.Tests.Embedded;

/// <summary>The <see cref="FeedbackStoreContract"/> on the embedded SQLite store.</summary>
public sealed class SqliteFeedbackStoreTests : FeedbackStoreContract, IDisposable
{
    private readonly TempDataDirectory _dir = new();
    private readonly List<EmbeddedStore> _stores = [];
    private readonly SqliteFeedbackStore _feedback;

    public SqliteFeedbackStoreTests() => _feedback = new SqliteFeedbackStore(Open());

    protected override IFeedbackStore Feedback => _feedback;

    protected override IFeedbackStore Reopen() => new SqliteFeedbackStore(Open(pooling: false));

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
        _dir.Dispose();
    }

    private EmbeddedStore Open(bool pooling = true)
    {
        var store = _dir.OpenStore(Clock, pooling);
        _stores.Add(store);
        return store;
    }
}
