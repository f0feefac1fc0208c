using System.Runtime.CompilerServices;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Meditron.Generation.Extractive;
using Meditron.Generation.Tests.Citations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Meditron.Generation.Tests.Extractive;

public class GenerateAnswerHandlerTests
{
    private static readonly EvidencePassage[] Pack =
    [
        Evidence.Passage(1, "Give oral amoxicillin 40 mg/kg per dose twice daily for 5 days.", similarity: 0.7),
        Evidence.Passage(2, "Refer urgently to hospital if any danger sign is present.", similarity: 0.5),
    ];

    private static GenerateAnswerHandler Handler(IAnswerEngine engine, double minSimilarity = 0.35)
        => new(engine, Options.Create(new AnswerPolicyOptions { MinEvidenceSimilarity = minSimilarity }), NullLogger<GenerateAnswerHandler>.Instance);

    private static GenerateAnswer Request(string question, IReadOnlyList<EvidencePassage> evidence, int timeoutSeconds = 120, string? language = null)
        => new("r1", question, evidence, new AnswerOptions { TimeoutSeconds = timeoutSeconds, Language = language });

    [Fact]
    public async Task Extractive_answer_is_cited_and_timed()
    {
        var engine = new ExtractiveEngine(new HashingEmbedder(), Options.Create(new AnswerPolicyOptions()));
        var answer = await Handler(engine).HandleAsync(Request("What is the amoxicillin dose?", Pack), CancellationToken.None);

        Assert.False(answer.Abstained);
        Assert.Equal("extractive", answer.Model);
        Assert.StartsWith("Give oral amoxicillin 40 mg/kg per dose twice daily for 5 days. [1]", answer.Answer, StringComparison.Ordinal);
        Assert.Equal("Give oral amoxicillin 40 mg/kg per dose twice daily for 5 days.", answer.Citations[0].Quote);
        Assert.True(answer.Timings.GenerationMs >= 0);
    }

    [Fact]
    public async Task A_request_for_the_extractive_engine_gets_it_whatever_engine_is_configured()
    {
        var configured = new ScriptedEngine(["Invented answer [1]."]);
        var extractive = new ExtractiveEngine(new HashingEmbedder(), Options.Create(new AnswerPolicyOptions()));
        var handler = new GenerateAnswerHandler(configured, Options.Create(new AnswerPolicyOptions { MinEvidenceSimilarity = 0.35 }), NullLogger<GenerateAnswerHandler>.Instance, extractive);
        var request = Request("What is the amoxicillin dose?", Pack);

        var quoted = await handler.HandleAsync(request with { Options = request.Options with { Engine = AnswerEngineNames.Extractive } }, CancellationToken.None);
        var written = await handler.HandleAsync(request, CancellationToken.None);

        Assert.Equal("extractive", quoted.Model);
        Assert.StartsWith("Give oral amoxicillin 40 mg/kg per dose twice daily for 5 days. [1]", quoted.Answer, StringComparison.Ordinal);
        Assert.Equal(1, configured.Calls); // only the request without an engine reached the configured one
        Assert.NotEqual("extractive", written.Model);
    }

    [Theory]
    [InlineData("What is the dose?", null, "The available guidelines do not cover this question.")]
    [InlineData("Quelle est la dose pour un enfant ?", null, "Les recommandations disponibles ne couvrent pas cette question.")]
    [InlineData("¿Cuál es la dosis?", null, "Las guías disponibles no cubren esta pregunta.")]
    [InlineData("What is the dose?", "es", "Las guías disponibles no cubren esta pregunta.")]
    public async Task No_evidence_abstains_in_the_question_language_without_calling_the_engine(string question, string? language, string expected)
    {
        var engine = new ScriptedEngine(["Invented answer [1]."]);
        var answer = await Handler(engine).HandleAsync(Request(question, [], language: language), CancellationToken.None);

        Assert.True(answer.Abstained);
        Assert.Equal("no_evidence", answer.Reason);
        Assert.Equal(expected, answer.Answer);
        Assert.Empty(answer.Citations);
        Assert.Equal(0, engine.Calls);
    }

    [Fact]
    public async Task Weak_evidence_abstains()
    {
        var engine = new ScriptedEngine(["Give oral amoxicillin twice daily [1]."]);
        var answer = await Handler(engine, minSimilarity: 0.9).HandleAsync(Request("What is the dose?", Pack), CancellationToken.None);

        Assert.True(answer.Abstained);
        Assert.Equal("no_evidence", answer.Reason);
        Assert.Equal(0, engine.Calls);
    }

    [Fact]
    public async Task Stream_yields_deltas_then_the_validated_answer()
    {
        var engine = new ScriptedEngine(["Give oral amoxicillin ", "twice daily [2]. ", "Made-up claim with no source at all."]);
        var events = new List<AnswerEvent>();
        await foreach (var e in Handler(engine).StreamAsync(Request("What is the dose?", Pack), CancellationToken.None))
        {
            events.Add(e);
        }

        Assert.Equal(3, events.OfType<AnswerDelta>().Count());
        var final = Assert.IsType<AnswerCompleted>(events[^1]).Answer;
        Assert.Equal("Give oral amoxicillin twice daily [1].", final.Answer);
        Assert.Equal("doc-2", Assert.Single(final.Citations).DocumentId);
        Assert.Equal("scripted", final.Model);
    }

    [Fact]
    public async Task Slow_engine_times_out()
    {
        var engine = new ScriptedEngine(["Give oral amoxicillin twice daily [1]."], delay: TimeSpan.FromSeconds(30));
        var answer = await Handler(engine).HandleAsync(Request("What is the dose?", Pack, timeoutSeconds: 1), CancellationToken.None);

        Assert.True(answer.Abstained);
        Assert.Equal("timeout", answer.Reason);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_a_timeout()
    {
        var engine = new ScriptedEngine(["Give oral amoxicillin twice daily [1]."], delay: TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Handler(engine).HandleAsync(Request("What is the dose?", Pack), cts.Token));
    }

    private sealed class ScriptedEngine(IReadOnlyList<string> deltas, TimeSpan? delay = null) : IAnswerEngine
    {
        public int Calls { get; private set; }
        public string Name => "scripted";

        public async IAsyncEnumerable<string> StreamAsync(GenerateAnswer request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Calls++;
            foreach (var d in deltas)
            {
                if (delay is { } wait)
                {
                    await Task.Delay(wait, cancellationToken);
                }
                yield return d;
            }
        }
    }
}
