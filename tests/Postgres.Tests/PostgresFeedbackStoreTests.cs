using Meditron.Core.Ports;

namespace Meditron.Postgres.Tests;

/// <summary>The <see cref="FeedbackStoreContract"/> on PostgreSQL, in a fresh schema.</summary>
public sealed class PostgresFeedbackStoreTests : FeedbackStoreContract, IAsyncLifetime
{
    private readonly TestSchema _schema = new();
    private readonly PostgresFeedbackStore _store;

    public PostgresFeedbackStoreTests() => _store = new PostgresFeedbackStore(_schema.OpenDatabase(Clock));

    protected override IFeedbackStore Feedback => _store;

    /// <summary>Another data source on the same schema, as another API replica has.</summary>
    protected override IFeedbackStore Reopen() => new PostgresFeedbackStore(_schema.OpenDatabase(Clock));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DropAsync();
}
