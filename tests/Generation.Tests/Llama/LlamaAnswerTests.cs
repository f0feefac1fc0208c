using System.Text.RegularExpressions;
using Meditron.Core.Generation;
using Meditron.Generation.Llama;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Meditron.Generation.Tests.Llama;

/// <summary>
/// The whole answer path over what the tiny random-weight model writes (gibberish, perhaps with stray
/// brackets): the handler must still return a well-formed answer and never an uncited one.
/// </summary>
[Collection(LlamaCollection.Name)]
public sealed partial class LlamaAnswerTests(LlamaFixture models)
{
    [Theory]
    [InlineData(1u)]
    [InlineData(2u)]
    [InlineData(3u)]
    public async Task Whatever_the_tiny_model_writes_the_answer_is_checked_and_never_uncited(uint seed)
    {
        using var engine = new LlamaEngine(new LlamaOptions { ModelPath = models.ChatModel, ContextSize = 1400, Seed = seed, Temperature = 1.0f });
        var handler = new GenerateAnswerHandler(engine, Options.Create(new AnswerPolicyOptions()), NullLogger<GenerateAnswerHandler>.Instance);
        var evidence = new[]
        {
            LlamaFixture.Passage(1, "Give amoxicillin 40 mg/kg twice daily for 5 days.") with { Similarity = 0.8 },
            LlamaFixture.Passage(2, "Refer the child urgently if there is any danger sign.") with { Similarity = 0.7 },
        };
        var request = new GenerateAnswer($"r{seed}", "What is the amoxicillin dose?", evidence, new AnswerOptions { MaxTokens = 48 });

        var deltas = new List<string>();
        CitedAnswer? answer = null;
        await foreach (var e in handler.StreamAsync(request, CancellationToken.None))
        {
            if (e is AnswerDelta d) deltas.Add(d.Text);
            else if (e is AnswerCompleted c) answer = c.Answer;
        }

        Assert.NotNull(answer);
        Assert.NotEmpty(deltas);
        Assert.StartsWith("llamasharp:", answer.Model, StringComparison.Ordinal);
        if (answer.Abstained)
        {
            Assert.Contains(answer.Reason, new[] { "unsupported", "not_covered" });
            Assert.Empty(answer.Citations);
            return;
        }
        // Answered: every marker resolves to a citation, and every citation points at real evidence with its quote.
        var numbers = answer.Citations.Select(c => c.N).ToHashSet();
        foreach (Match m in Marker().Matches(answer.Answer))
            Assert.All(m.Groups[1].Value.Split(','), n => Assert.Contains(int.Parse(n.Trim(), System.Globalization.CultureInfo.InvariantCulture), numbers));
        Assert.All(answer.Citations, c =>
        {
            var passage = Assert.Single(evidence, p => p.DocumentId == c.DocumentId);
            Assert.Contains(c.Quote, passage.Text, StringComparison.Ordinal);
        });
    }

    [GeneratedRegex(@"\[(\d+(?:\s*,\s*\d+)*)\]")]
    private static partial Regex Marker();
}
