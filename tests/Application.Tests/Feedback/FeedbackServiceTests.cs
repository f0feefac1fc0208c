using System.Text.Json;
using Meditron.Application.Answering;
using Meditron.Application.Feedback;
using Meditron.Core.Feedback;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Meditron.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Application.Tests.Feedback;

/// <summary>Ratings through the service on the embedded store, and wrong_page ratings asked again by the evaluator.</summary>
public sealed class FeedbackServiceTests
{
    [Fact]
    public async Task A_rating_keeps_the_stored_answer_and_a_rating_of_no_answer_is_refused()
    {
        await using var host = await TestHost.StartAsync();
        var answer = new CitedAnswer { Answer = "Give ORS [1].", Model = "meditron-7b.Q4_K_M.gguf", Citations = [] };
        await host.Services.GetRequiredService<IAnswerStore>().SaveAsync("r1", answer, CancellationToken.None);
        var feedback = host.Services.GetRequiredService<FeedbackService>();

        var stored = await feedback.AddAsync(new FeedbackSubmission
        {
            RequestId = "r1", Helpful = false, Categories = [FeedbackCategories.Unsafe, FeedbackCategories.WrongPage, FeedbackCategories.Unsafe], Comment = " ", KeyName = "web",
        }, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal([FeedbackCategories.WrongPage, FeedbackCategories.Unsafe], stored.Categories);
        Assert.Equal(("Give ORS [1].", "default", "meditron-7b.Q4_K_M.gguf", (string?)null), (stored.Answer.Answer, stored.Engine, stored.Model, stored.Comment));
        Assert.Equal(1, (await feedback.ListAsync(new FeedbackQuery(), CancellationToken.None)).Total);
        Assert.Null(await feedback.AddAsync(new FeedbackSubmission { RequestId = "unknown", Helpful = true }, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => feedback.AddAsync(new FeedbackSubmission { RequestId = "r1", Helpful = false, Categories = ["typo"] }, CancellationToken.None));
    }

    [Fact]
    public async Task An_export_file_reads_back_and_its_wrong_page_cases_are_asked_again()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Answer:MinEvidenceSimilarity"] = "0" });
        await AskServiceTests.IngestAsync(host, "ors.pdf",
            SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool.", "Continue breastfeeding during diarrhoea."));
        const string question = "When are oral rehydration salts given?";
        var asked = await host.Services.GetRequiredService<AskService>().AskAsync(question, null, new AnswerOptions(), CancellationToken.None);
        var feedback = host.Services.GetRequiredService<FeedbackService>();
        await feedback.AddAsync(new FeedbackSubmission { RequestId = asked.RequestId!, Helpful = false, Categories = [FeedbackCategories.WrongPage], Question = question }, CancellationToken.None);
        var entries = (await feedback.ListAsync(new FeedbackQuery(), CancellationToken.None)).Items;
        string file = host.File("feedback.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new FeedbackExport(entries, entries.Count), JsonSerializerOptions.Web));

        var (cases, _) = FeedbackCase.From(FeedbackExport.ReadFile(file).Items);
        var (report, details) = await host.Services.GetRequiredService<AnswerEvaluator>().EvaluateFeedbackAsync(cases, topK: null, CancellationToken.None);

        // The same guideline answers the same way: page 1 is cited again, so the case is still wrong.
        Assert.Equal(new FeedbackReport(1, 1), report);
        var detail = Assert.Single(details);
        Assert.True(detail.StillWrong);
        Assert.Contains(detail.Citations, c => c.File == "ors.pdf" && c.Page == 1);
        Assert.Equal(question, detail.Question);
    }

    [Fact]
    public void A_file_that_is_not_an_export_is_a_format_error()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"id": "q1", "question": "?"}""" + "\n" + """{"id": "q2"}""");
            Assert.Throws<FormatException>(() => FeedbackExport.ReadFile(file));
            File.WriteAllText(file, "{}");
            Assert.Throws<FormatException>(() => FeedbackExport.ReadFile(file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
