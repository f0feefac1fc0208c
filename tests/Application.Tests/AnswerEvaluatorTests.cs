using Meditron.Application.Answering;
using Meditron.Retrieval.Evaluation;
using Meditron.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Application.Tests;

public sealed class AnswerEvaluatorTests
{
    [Fact]
    public async Task Citation_precision_and_documents_per_answer_count_what_the_answers_cite()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Answer:MinEvidenceSimilarity"] = "0" });
        await AskServiceTests.IngestAsync(host, "ors.pdf",
            SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool.", "Continue breastfeeding during diarrhoea."));
        static EvalQuestion Asked(int goldPage) =>
            new() { Id = $"p{goldPage}", Question = "When are oral rehydration salts given?", Gold = [new GoldPages("ors.pdf", [goldPage])] };

        var evaluator = host.Services.GetRequiredService<AnswerEvaluator>();
        var (onGold, _) = await evaluator.EvaluateAsync([Asked(1)], topK: null, CancellationToken.None);
        var (offGold, _) = await evaluator.EvaluateAsync([Asked(2)], topK: null, CancellationToken.None);

        Assert.Equal(1, onGold.CitationHit);
        Assert.Equal(1, onGold.CitationPrecision); // every citation is on page 1, the gold page
        Assert.Equal(1, onGold.DocumentsPerAnswer);
        Assert.Equal(0, offGold.CitationHit);
        Assert.Equal(0, offGold.CitationPrecision);
        Assert.Equal(1, offGold.DocumentsPerAnswer);
    }
}
