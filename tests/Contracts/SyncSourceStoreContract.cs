using Meditron.Core.Documents;
using Meditron.Core.Ports;

namespace Meditron.Tests.Contracts;

/// <summary>
/// What every <see cref="ISyncSourceStore"/> promises, run against each provider by a subclass (the embedded store;
/// PostgreSQL). Each test uses sources of its own run id, so the suite can share a database with other runs.
/// </summary>
public abstract class SyncSourceStoreContract
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>Prefix of every source this test instance writes.</summary>
    protected string Run { get; } = "https://example.org/t" + Guid.NewGuid().ToString("N")[..10] + "/";

    /// <summary>A store (fresh, or shared with other runs: tests only look at their own sources).</summary>
    protected abstract Task<ISyncSourceStore> CreateStoreAsync();

    [SkippableFact]
    public async Task Get_of_a_source_never_saved_is_null()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.GetAsync(Run + "never.pdf", Ct));
    }

    [SkippableFact]
    public async Task Save_then_get_round_trips_every_field()
    {
        var store = await CreateStoreAsync();
        var state = new SyncSourceState
        {
            Source = Run + "malaria.pdf",
            ETag = "W/\"5f2a-1c\"",
            LastModified = new DateTimeOffset(2025, 8, 13, 10, 0, 0, TimeSpan.Zero),
            Sha256 = new string('a', 64),
            CheckedAt = new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.Zero),
        };

        await store.SaveAsync(state, Ct);

        Assert.Equal(state, await store.GetAsync(state.Source, Ct));
    }

    [SkippableFact]
    public async Task Save_without_validators_keeps_them_null()
    {
        var store = await CreateStoreAsync();
        var state = new SyncSourceState { Source = Run + "local.pdf", CheckedAt = new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.Zero) };

        await store.SaveAsync(state, Ct);

        Assert.Equal(state, await store.GetAsync(state.Source, Ct));
    }

    [SkippableFact]
    public async Task Save_again_replaces_every_field_including_with_nulls()
    {
        var store = await CreateStoreAsync();
        string source = Run + "cholera.pdf";
        await store.SaveAsync(new SyncSourceState
        {
            Source = source,
            ETag = "\"v1\"",
            LastModified = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Sha256 = new string('b', 64),
            CheckedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        }, Ct);
        var second = new SyncSourceState { Source = source, ETag = "\"v2\"", CheckedAt = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero) };

        await store.SaveAsync(second, Ct);

        Assert.Equal(second, await store.GetAsync(source, Ct));
    }

    [SkippableFact]
    public async Task Sources_are_distinct_by_exact_string()
    {
        var store = await CreateStoreAsync();
        var lower = new SyncSourceState { Source = Run + "a.pdf", Sha256 = new string('c', 64), CheckedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        var upper = new SyncSourceState { Source = Run + "A.pdf", Sha256 = new string('d', 64), CheckedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };

        await store.SaveAsync(lower, Ct);
        await store.SaveAsync(upper, Ct);

        Assert.Equal(lower, await store.GetAsync(lower.Source, Ct));
        Assert.Equal(upper, await store.GetAsync(upper.Source, Ct));
    }

    [SkippableFact]
    public async Task Times_keep_their_instant_whatever_the_offset_they_were_given_in()
    {
        var store = await CreateStoreAsync();
        var state = new SyncSourceState
        {
            Source = Run + "offset.pdf",
            LastModified = new DateTimeOffset(2025, 8, 13, 12, 0, 0, TimeSpan.FromHours(2)),
            CheckedAt = new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.FromHours(-5)),
        };

        await store.SaveAsync(state, Ct);
        var read = await store.GetAsync(state.Source, Ct);

        Assert.Equal(state.LastModified.Value.UtcDateTime, read!.LastModified!.Value.UtcDateTime);
        Assert.Equal(state.CheckedAt.UtcDateTime, read.CheckedAt.UtcDateTime);
    }
}
