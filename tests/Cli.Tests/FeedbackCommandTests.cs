using System.Text.Json;
using Meditron.Cli.Tests.Output;
using Meditron.Core.Feedback;
using Meditron.Core.Generation;
using Meditron.Retrieval.Embedded;

namespace Meditron.Cli.Tests;

/// <summary>`meditron feedback export`, over ratings put in the data directory's store as the API puts them.</summary>
public sealed class FeedbackCommandTests
{
    private const string TrickyComment = "Page 106 says 75 ml/kg, not \"50 ml\", — vérifier.\nSecond line; 儿童";

    internal static CitedAnswer Answer(string documentId = "doc_ors", string file = "ors.pdf", int page = 106) => new()
    {
        Answer = "Give ORS 50 ml after each loose stool [1]. Refer if no urine [2].",
        Model = "extractive",
        Citations =
        [
            new Citation { N = 1, DocumentId = documentId, Title = "Pocket book", Publisher = "WHO", Edition = "2013", File = file, Page = page, PageEnd = page + 1, Section = "5.2", Quote = "Give ORS.", Score = 0.8 },
            new Citation { N = 2, DocumentId = documentId, Title = "Pocket book", Publisher = "WHO", Edition = "2013", File = file, Page = page + 6, PageEnd = page + 6, Section = "5.3", Quote = "Refer.", Score = 0.6 },
        ],
    };

    private static FeedbackEntry Rated(string requestId, bool helpful, IReadOnlyList<string> categories, DateTimeOffset at, string? comment = null) => new()
    {
        Id = FeedbackEntry.NewId(),
        RequestId = requestId,
        Helpful = helpful,
        Categories = categories,
        Comment = comment,
        Question = "How much ORS, with some dehydration?",
        Answer = Answer(),
        Engine = "extractive",
        Model = "extractive",
        KeyName = "clinic-web",
        CreatedAt = at,
    };

    private static async Task AddAsync(string data, params FeedbackEntry[] entries)
    {
        using var store = new EmbeddedStore(new EmbeddedStoreOptions { DataDirectory = data, Pooling = false });
        var feedback = new SqliteFeedbackStore(store);
        foreach (var entry in entries)
        {
            await feedback.AddAsync(entry, CancellationToken.None);
        }
        await feedback.CountAsync(new FeedbackQuery(), CancellationToken.None); // the store exists, even without entries
    }

    private static readonly DateTimeOffset January = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Json_prints_every_field_of_every_rating_oldest_first()
    {
        using var dir = new TempDirectory();
        var first = Rated("r1", helpful: false, [FeedbackCategories.WrongPage, FeedbackCategories.Unsafe], January, TrickyComment);
        var second = Rated("r1", helpful: true, [], January.AddDays(1));
        await AddAsync(dir.Combine("data"), second, first);

        var run = await CliRunner.RunAsync("feedback", "export", "--json", "--data", dir.Combine("data"));

        Assert.Equal(0, run.ExitCode);
        var json = run.Json;
        Assert.Equal(2, json.GetProperty("total").GetInt32());
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([first.Id, second.Id], items.Select(i => i.GetProperty("id").GetString()));
        var item = items[0];
        Assert.Equal(("r1", false, TrickyComment), (item.GetProperty("requestId").GetString(), item.GetProperty("helpful").GetBoolean(), item.GetProperty("comment").GetString()));
        Assert.Equal(["wrong_page", "unsafe"], item.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(("How much ORS, with some dehydration?", "extractive", "extractive", "clinic-web"),
            (item.GetProperty("question").GetString(), item.GetProperty("engine").GetString(), item.GetProperty("model").GetString(), item.GetProperty("keyName").GetString()));
        Assert.Equal(January, item.GetProperty("createdAt").GetDateTimeOffset());
        var citations = item.GetProperty("answer").GetProperty("citations").EnumerateArray().ToList();
        Assert.Equal([("doc_ors", 106, "Give ORS."), ("doc_ors", 112, "Refer.")],
            citations.Select(c => (c.GetProperty("documentId").GetString(), c.GetProperty("page").GetInt32(), c.GetProperty("quote").GetString())));
    }

    [Fact]
    public async Task Csv_reads_back_with_one_row_per_rating_and_the_columns_named()
    {
        using var dir = new TempDirectory();
        var first = Rated("r1", helpful: false, [FeedbackCategories.WrongPage, FeedbackCategories.Unsafe], January, TrickyComment);
        var second = Rated("r2", helpful: true, [], January.AddHours(2)) with { KeyName = null, Question = null };
        await AddAsync(dir.Combine("data"), first, second);

        var run = await CliRunner.RunAsync("feedback", "export", "--csv", "--data", dir.Combine("data"));

        Assert.Equal(0, run.ExitCode);
        var records = CsvRecords.Parse(run.Stdout);
        Assert.Equal(["createdAt", "requestId", "helpful", "categories", "comment", "question", "answer", "engine", "model", "citations", "keyName"], records[0]);
        Assert.Equal(3, records.Count);
        Assert.Equal(
            ["2026-01-15T09:30:00Z", "r1", "no", "wrong_page;unsafe", TrickyComment, "How much ORS, with some dehydration?",
             Answer().Answer, "extractive", "extractive", "[1] ors.pdf p.106-107; [2] ors.pdf p.112", "clinic-web"],
            records[1]);
        Assert.Equal(["2026-01-15T11:30:00Z", "r2", "yes", "", "", ""], records[2].Take(6));
        Assert.Equal("", records[2][^1]);
    }

    [Fact]
    public async Task Without_a_flag_a_short_table_and_filters_narrow_every_format()
    {
        using var dir = new TempDirectory();
        var old = Rated("r-old", helpful: false, [FeedbackCategories.WrongPage], January);
        var outdated = Rated("r-outdated", helpful: false, [FeedbackCategories.Outdated], January.AddDays(40), "see the 2025 edition");
        var recent = Rated("r-recent", helpful: false, [FeedbackCategories.WrongPage], January.AddDays(40).AddHours(1));
        await AddAsync(dir.Combine("data"), old, outdated, recent);

        var table = await CliRunner.RunAsync("feedback", "export", "--data", dir.Combine("data"));
        var since = await CliRunner.RunAsync("feedback", "export", "--json", "--since", "2026-02-24", "--data", dir.Combine("data"));
        var wrongPage = await CliRunner.RunAsync("feedback", "export", "--csv", "--category", "wrong_page", "--data", dir.Combine("data"));
        var both = await CliRunner.RunAsync("feedback", "export", "--json", "--since", "2026-02-24", "--category", "wrong_page", "--data", dir.Combine("data"));

        Assert.Equal(0, table.ExitCode);
        string[] lines = table.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["created", "helpful", "categories", "engine", "key", "request", "question", "comment"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(4, lines.Length);
        Assert.Contains("2026-02-24 09:30  no", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("see the 2025 edition", lines[2], StringComparison.Ordinal);
        Assert.Equal(["r-outdated", "r-recent"], since.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("requestId").GetString()));
        Assert.Equal(["r-old", "r-recent"], CsvRecords.Parse(wrongPage.Stdout).Skip(1).Select(r => r[1]));
        Assert.Equal(1, both.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_empty_store_exports_nothing_and_no_store_is_exit_4_without_creating_one()
    {
        using var dir = new TempDirectory();
        await AddAsync(dir.Combine("data"));
        string typo = dir.Combine("dta");

        var empty = await CliRunner.RunAsync("feedback", "export", "--json", "--data", dir.Combine("data"));
        var emptyTable = await CliRunner.RunAsync("feedback", "export", "--data", dir.Combine("data"));
        var emptyCsv = await CliRunner.RunAsync("feedback", "export", "--csv", "--data", dir.Combine("data"));
        var missing = await CliRunner.RunAsync("feedback", "export", "--csv", "--data", typo);

        Assert.Equal((0, 0), (empty.Json.GetProperty("total").GetInt32(), empty.Json.GetProperty("items").GetArrayLength()));
        Assert.Equal((0, "", true), (emptyTable.ExitCode, emptyTable.Stdout, emptyTable.Stderr.Contains("No feedback in", StringComparison.Ordinal)));
        Assert.Single(CsvRecords.Parse(emptyCsv.Stdout));
        Assert.Equal(4, missing.ExitCode);
        Assert.Equal("", missing.Stdout);
        Assert.Contains("There is no store in " + typo, missing.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(typo), "exporting created the data directory");
    }

    public static TheoryData<string[], string> Mistakes => new()
    {
        { ["--json", "--csv"], "--json and --csv are two formats of the same export: choose one." },
        { ["--category", "wrong-page"], "--category takes one of: wrong_page, outdated, unsafe, incomplete, not_relevant (got 'wrong-page')" },
        { ["--since", "last week"], "--since takes a date as YYYY-MM-DD" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_bad_option_is_a_usage_error(string[] args, string expected)
    {
        using var dir = new TempDirectory();

        var run = await CliRunner.RunAsync(["feedback", "export", .. args, "--data", dir.Combine("data")]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("meditron: " + expected, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Run 'meditron feedback export --help' for usage.", run.Stderr, StringComparison.Ordinal);
    }
}
