using Meditron.Core.Feedback;
using Meditron.Core.Generation;
using Meditron.Retrieval.Embedded;
using Meditron.Tests.Support;

namespace Meditron.Cli.Tests;

/// <summary>
/// The review loop end to end: ratings exported with `feedback export --json`, then `eval answers --feedback` asks the
/// wrong_page ones again over a one-page guideline.
/// </summary>
public sealed class FeedbackEvalTests
{
    private const string Question = "When are oral rehydration salts given?";

    private static readonly Dictionary<string, string> Settings = new() { ["MEDITRON_Answer__MinEvidenceSimilarity"] = "0" };

    [Fact]
    public async Task Wrong_page_ratings_are_asked_again_and_those_citing_a_flagged_page_count_as_still_wrong()
    {
        using var dir = new TempDirectory();
        string data = dir.Combine("data");
        string pdf = dir.Combine("ors.pdf");
        await File.WriteAllBytesAsync(pdf, SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool.", "Continue breastfeeding during diarrhoea."));
        var ingest = await CliRunner.RunAsync("ingest", pdf, "--data", data, "--json");
        Assert.Equal(0, ingest.ExitCode);
        string documentId = ingest.Json.GetProperty("files")[0].GetProperty("documentId").GetString()!;
        using (var store = new EmbeddedStore(new EmbeddedStoreOptions { DataDirectory = data, Pooling = false }))
        {
            var feedback = new SqliteFeedbackStore(store);
            // Page 1 holds the answer, so asking again cites it again; page 2 does not exist, so that case passes.
            await feedback.AddAsync(Rated("r-page1", documentId, page: 1, [FeedbackCategories.WrongPage]), CancellationToken.None);
            await feedback.AddAsync(Rated("r-page2", documentId, page: 2, [FeedbackCategories.WrongPage, FeedbackCategories.Incomplete]), CancellationToken.None);
            await feedback.AddAsync(Rated("r-outdated", documentId, page: 1, [FeedbackCategories.Outdated]), CancellationToken.None);
        }
        var export = await CliRunner.RunAsync("feedback", "export", "--json", "--data", data);
        string exported = dir.Combine("feedback.json");
        await File.WriteAllTextAsync(exported, export.Stdout);
        string questions = dir.Combine("questions.jsonl");
        await File.WriteAllTextAsync(questions, $$"""{"id": "q1", "question": "{{Question}}", "gold": [{"file": "ors.pdf", "pages": [1]}]}""" + "\n");
        string details = dir.Combine("details.jsonl");

        var alone = await CliRunner.RunAsync(Settings, "eval", "answers", "--feedback", exported, "--engine", "extractive", "--data", data, "--json", "--details", details);
        var text = await CliRunner.RunAsync(Settings, "eval", "answers", "--feedback", exported, "--engine", "extractive", "--data", data);
        var both = await CliRunner.RunAsync(Settings, "eval", "answers", "--questions", questions, "--feedback", exported, "--engine", "extractive", "--data", data, "--json");
        var questionsOnly = await CliRunner.RunAsync(Settings, "eval", "answers", "--questions", questions, "--engine", "extractive", "--data", data, "--json");

        Assert.True(alone.ExitCode == 0, alone.Stderr);
        Assert.Equal(["feedbackCases", "feedbackStillWrong"], alone.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal((2, 1), (alone.Json.GetProperty("feedbackCases").GetInt32(), alone.Json.GetProperty("feedbackStillWrong").GetInt32()));
        var lines = (await File.ReadAllLinesAsync(details)).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([("r-page1", true), ("r-page2", false)], lines.Select(l => (l.GetProperty("requestId").GetString(), l.GetProperty("stillWrong").GetBoolean())));
        Assert.Equal(Question, lines[0].GetProperty("question").GetString());
        Assert.Equal(1, lines[0].GetProperty("flagged")[0].GetProperty("page").GetInt32());
        Assert.Contains(lines[0].GetProperty("citations").EnumerateArray(), c => c.GetProperty("page").GetInt32() == 1);

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("2 feedback cases (wrong_page): 1 still cite a flagged page", text.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, both.ExitCode);
        Assert.Equal((1, 2, 1), (both.Json.GetProperty("questions").GetInt32(), both.Json.GetProperty("feedbackCases").GetInt32(), both.Json.GetProperty("feedbackStillWrong").GetInt32()));
        Assert.Equal(1, both.Json.GetProperty("citationHit").GetDouble());
        Assert.Equal(0, questionsOnly.ExitCode);
        Assert.False(questionsOnly.Json.TryGetProperty("feedbackCases", out _), "without --feedback the report is as before");
    }

    [Fact]
    public async Task Eval_answers_needs_questions_or_feedback()
    {
        using var dir = new TempDirectory();

        var run = await CliRunner.RunAsync("eval", "answers", "--data", dir.Combine("data"), "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("meditron: Give --questions FILE, --feedback FILE, or both.", run.Stderr, StringComparison.Ordinal);
    }

    private static FeedbackEntry Rated(string requestId, string documentId, int page, IReadOnlyList<string> categories) => new()
    {
        Id = FeedbackEntry.NewId(),
        RequestId = requestId,
        Helpful = false,
        Categories = categories,
        Question = Question,
        Answer = new CitedAnswer
        {
            Answer = "Give oral rehydration salts after each loose stool [1].",
            Model = "extractive",
            Citations = [new Citation { N = 1, DocumentId = documentId, Title = "1 Dehydration", Publisher = "", Edition = "", File = "ors.pdf", Page = page, PageEnd = page, Section = "1 Dehydration", Quote = "Give oral rehydration salts after each loose stool." }],
        },
        Engine = "extractive",
        Model = "extractive",
    };
}
