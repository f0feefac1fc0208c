using Meditron.Core.Ports;

namespace Meditron.Postgres.Tests;

/// <summary>The <see cref="AnswerStoreContract"/> on PostgreSQL, in a fresh schema.</summary>
public sealed class PostgresAnswerStoreTests : AnswerStoreContract, IAsyncLifetime
{
    private readonly TestSchema _schema = new();
    private readonly PostgresAnswerStore _store;

    public PostgresAnswerStoreTests() => _store = new PostgresAnswerStore(_schema.OpenDatabase(Clock));

    protected override IAnswerStore Answers => _store;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DropAsync();
}
