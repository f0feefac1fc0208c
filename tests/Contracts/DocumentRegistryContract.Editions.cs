using Meditron.Core.Documents;

namespace Meditron.Tests.Contracts;

/// <summary>Which edition of a guideline is current as editions are indexed or fail.</summary>
public abstract partial class DocumentRegistryContract
{
    [SkippableTheory]
    [InlineData("2025-08-13", null, "2023-10-16", null)]
    [InlineData("3ed", 2019, "2ed", 2016)]
    [InlineData("3rd edition", null, "2nd edition", null)]
    [InlineData("2021", 2021, "2019", 2019)]
    [InlineData("2025-08", null, "2023", null)]
    public async Task Newest_edition_is_current_when_it_arrives_first(string newEdition, int? newYear, string oldEdition, int? oldYear)
    {
        await IngestAsync("new", "who-malaria", newEdition, newYear);
        var newCurrentFrom = Clock.GetUtcNow();
        Clock.Advance();
        await IngestAsync("old", "who-malaria", oldEdition, oldYear);

        var newer = (await Registry.GetAsync("new", Ct))!;
        var older = (await Registry.GetAsync("old", Ct))!;

        Assert.True(newer.Current);
        Assert.Equal(newCurrentFrom, newer.CurrentFrom);
        Assert.Null(newer.SupersededAt);
        Assert.False(older.Current);
        Assert.Equal(DocumentStatus.Indexed, older.Status);
        Assert.Null(older.CurrentFrom); // never current
        Assert.Null(older.SupersededAt);
    }

    [SkippableTheory]
    [InlineData("2025-08-13", null, "2023-10-16", null)]
    [InlineData("3ed", 2019, "2ed", 2016)]
    [InlineData("2021", 2021, "2019", 2019)]
    public async Task Newest_edition_supersedes_an_older_current_one(string newEdition, int? newYear, string oldEdition, int? oldYear)
    {
        await IngestAsync("old", "who-malaria", oldEdition, oldYear);
        var oldCurrentFrom = Clock.GetUtcNow();
        Assert.True((await Registry.GetAsync("old", Ct))!.Current);
        var switchTime = Clock.Advance();
        await IngestAsync("new", "who-malaria", newEdition, newYear);

        var newer = (await Registry.GetAsync("new", Ct))!;
        var older = (await Registry.GetAsync("old", Ct))!;

        Assert.True(newer.Current);
        Assert.Equal(switchTime, newer.CurrentFrom);
        Assert.False(older.Current);
        Assert.Equal(oldCurrentFrom, older.CurrentFrom);
        Assert.Equal(switchTime, older.SupersededAt);
    }

    [SkippableFact]
    public async Task Reingested_copy_of_the_same_edition_wins_the_tie()
    {
        await Registry.RegisterAsync(TestData.Document("copy-1", "k", "2023", createdAt: Clock.GetUtcNow()), Ct);
        await Registry.MarkIndexedAsync("copy-1", 1, 1, Ct);
        Clock.Advance();
        await Registry.RegisterAsync(TestData.Document("copy-2", "k", "2023", createdAt: Clock.GetUtcNow()), Ct);
        await Registry.MarkIndexedAsync("copy-2", 1, 1, Ct);

        Assert.False((await Registry.GetAsync("copy-1", Ct))!.Current);
        Assert.True((await Registry.GetAsync("copy-2", Ct))!.Current);
    }

    [SkippableFact]
    public async Task Editions_of_other_guidelines_are_independent()
    {
        await IngestAsync("a-2025", "a", "2025");
        await IngestAsync("b-2010", "b", "2010");
        await IngestAsync("a-2023", "a", "2023");

        Assert.True((await Registry.GetAsync("a-2025", Ct))!.Current);
        Assert.False((await Registry.GetAsync("a-2023", Ct))!.Current);
        Assert.True((await Registry.GetAsync("b-2010", Ct))!.Current);
    }

    [SkippableFact]
    public async Task Mark_indexed_twice_changes_nothing_the_second_time()
    {
        await IngestAsync("old", "k", "2023");
        await IngestAsync("new", "k", "2025");
        var before = await Registry.ListAsync(Ct);
        Clock.Advance();

        await Registry.MarkIndexedAsync("new", 10, 20, Ct);
        await Registry.MarkIndexedAsync("old", 10, 20, Ct);

        Assert.Equal(before, await Registry.ListAsync(Ct));
    }

    [SkippableFact]
    public async Task Two_editions_indexed_at_once_leave_exactly_one_current_the_newest()
    {
        // Each round races on a fresh guideline, so either edition may win the lock first.
        for (int round = 0; round < 20; round++)
        {
            string key = $"race-{round}";
            await Registry.RegisterAsync(TestData.Document($"{key}-old", key, "2023"), Ct);
            await Registry.RegisterAsync(TestData.Document($"{key}-new", key, "2025"), Ct);

            await Task.WhenAll(
                Task.Run(() => Registry.MarkIndexedAsync($"{key}-old", 1, 1, Ct)),
                Task.Run(() => Registry.MarkIndexedAsync($"{key}-new", 1, 1, Ct)));

            var editions = (await Registry.ListAsync(Ct)).Where(d => d.Metadata.GuidelineKey == key);
            Assert.Equal($"{key}-new", Assert.Single(editions, d => d.Current).DocumentId);
        }
    }
}
