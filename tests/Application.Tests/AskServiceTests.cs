using Meditron.Application.Answering;
using Meditron.Application.Ingesting;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Ingestion.Embedding;
using Meditron.Ingestion.Intake;
using Meditron.Retrieval;
using Meditron.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Application.Tests;

public sealed class AskServiceTests
{
    private const string Question = "How often are oral rehydration salts given?";

    [Fact]
    public async Task The_question_is_embedded_once_per_ask()
    {
        // No abstention threshold: the extractive engine (the third place that used to embed the question) must run.
        await using var host = await StartCountingEmbeddingsAsync(new Dictionary<string, string?> { ["Answer:MinEvidenceSimilarity"] = "0" });
        var counting = host.Services.GetRequiredService<CountingEmbedder>();
        int before = counting.Texts.Count;

        var answer = await host.Services.GetRequiredService<AskService>().AskAsync(Question, topK: null, new AnswerOptions(), CancellationToken.None);

        Assert.False(answer.Abstained, answer.Reason);
        var question = Assert.Single(counting.Embedded.Skip(before), e => e.Text == Question);
        Assert.Equal(EmbeddingPurpose.Query, question.Purpose);
        Assert.All(counting.Embedded.Skip(before).Where(e => e.Text != Question), e => Assert.Equal(EmbeddingPurpose.Passage, e.Purpose));
    }

    [Fact]
    public async Task Evidence_similarities_come_from_the_text_vectors_kept_at_ingestion_and_equal_the_passages_embedded_again()
    {
        await using var host = await StartCountingEmbeddingsAsync();
        var counting = host.Services.GetRequiredService<CountingEmbedder>();
        int before = counting.Texts.Count;

        var prepared = await host.Services.GetRequiredService<AskService>().PrepareAsync(Question, topK: 3, new AnswerOptions(), CancellationToken.None);

        Assert.Equal([Question], counting.Texts.Skip(before)); // no passage embedded again
        var evidence = prepared.Message.Evidence;
        Assert.NotEmpty(evidence);
        var again = host.Services.GetRequiredService<OnnxEmbedder>().Embed(evidence.Select(p => p.Text).ToList(), EmbeddingPurpose.Passage);
        for (var i = 0; i < evidence.Count; i++)
        {
            Assert.Equal(System.Numerics.Tensors.TensorPrimitives.Dot(prepared.Message.QuestionVector!, again[i]), evidence[i].Similarity!.Value, 4);
        }
    }

    [Fact]
    public async Task The_evidence_carries_the_question_vector_and_a_similarity_per_passage()
    {
        await using var host = await TestHost.StartAsync();
        await IngestAsync(host, "ors.pdf", SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool."));

        var prepared = await host.Services.GetRequiredService<AskService>().PrepareAsync(Question, topK: 3, new AnswerOptions(), CancellationToken.None);

        Assert.Equal(host.Services.GetRequiredService<IEmbedder>().Dimension, prepared.Message.QuestionVector!.Length);
        Assert.NotEmpty(prepared.Message.Evidence);
        Assert.All(prepared.Message.Evidence, p => Assert.InRange(p.Similarity!.Value, 0.3, 1.0));
    }

    [Fact]
    public async Task A_question_naming_a_drug_no_guideline_holds_is_declined_as_not_covered()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Answer:MinEvidenceSimilarity"] = "0" });
        await IngestAsync(host, "ors.pdf", SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool.", "Continue breastfeeding the child."));
        var ask = host.Services.GetRequiredService<AskService>();

        var prepared = await ask.PrepareAsync("How often is nirsevimab given to a child with dehydration?", topK: null, new AnswerOptions(), CancellationToken.None);
        var answer = await ask.AnswerAsync(prepared, CancellationToken.None);

        Assert.Equal(["nirsevimab"], prepared.Message.WordsNeverIndexed);
        Assert.True(answer.Abstained);
        Assert.Equal("not_covered", answer.Reason);

        // Plain words the guideline happens not to use are not a sign: the question is answered.
        var plain = await ask.PrepareAsync("Roughly how often are oral rehydration salts given?", topK: null, new AnswerOptions(), CancellationToken.None);
        Assert.Empty(plain.Message.WordsNeverIndexed!);
        Assert.False((await ask.AnswerAsync(plain, CancellationToken.None)).Abstained);
    }

    [Fact]
    public async Task The_key_term_support_weighs_what_the_evidence_holds_by_its_rarity()
    {
        await using var host = await TestHost.StartAsync();
        await IngestAsync(host, "ors.pdf", SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool.", "Continue breastfeeding the child."));
        await IngestAsync(host, "fever.pdf", SmallPdfs.Guideline("2 Fever", "Give paracetamol to a child with high fever.", "Check the child for a stiff neck."));
        var ask = host.Services.GetRequiredService<AskService>();

        var held = await ask.PrepareAsync("How often are rehydration salts given to a child?", topK: 1, new AnswerOptions(), CancellationToken.None);
        var missing = await ask.PrepareAsync("How often are rehydration salts and paracetamol given to a child?", topK: 1, new AnswerOptions(), CancellationToken.None);
        var rare = await ask.PrepareAsync("How often are rehydration salts given with nirsevimab?", topK: 1, new AnswerOptions(), CancellationToken.None);

        Assert.Equal(1.0, held.Message.KeyTermSupport);
        // Both guidelines are indexed, but one passage of evidence holds the words of only one of them.
        Assert.Single(missing.Message.Evidence);
        Assert.InRange(missing.Message.KeyTermSupport!.Value, 0.3, 0.99);
        // A never-indexed name weighs most: it outweighs the two indexed words the evidence holds ("rehydration", "salts").
        Assert.Equal(["nirsevimab"], rare.Message.WordsNeverIndexed);
        Assert.InRange(rare.Message.KeyTermSupport!.Value, 0.1, 0.49);
    }

    [Fact]
    public async Task The_checked_answer_is_kept_by_request_id()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Answer:MinEvidenceSimilarity"] = "0" });
        await IngestAsync(host, "ors.pdf", SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool."));
        var ask = host.Services.GetRequiredService<AskService>();

        var prepared = await ask.PrepareAsync(Question, topK: null, new AnswerOptions(), CancellationToken.None);
        var answer = await ask.AnswerAsync(prepared, CancellationToken.None);
        var kept = await host.Services.GetRequiredService<IAnswerStore>().GetAsync(prepared.Message.RequestId, CancellationToken.None);

        Assert.NotNull(kept);
        Assert.Equal(answer.Answer, kept.Answer);
        Assert.Equal(answer.Citations.Select(c => (c.N, c.File, c.Page, c.Quote)), kept.Citations.Select(c => (c.N, c.File, c.Page, c.Quote)));
        Assert.Null(await host.Services.GetRequiredService<IAnswerStore>().GetAsync("no-such-request", CancellationToken.None));
    }

    [Fact]
    public async Task An_answer_quotes_the_guidance_page_and_never_the_contents_page()
    {
        const string SnakeBite = "What is the antivenom dose for children after a snake bite?";
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Answer:MinEvidenceSimilarity"] = "0" });
        await IngestAsync(host, "snake.pdf", SmallPdfs.ContentsThenGuidance());

        // A search finds the contents page (a reader may look for an entry) ...
        var search = await host.Services.GetRequiredService<RetrievalService>().SearchAsync(new SearchRequest { Query = SnakeBite }, CancellationToken.None);
        Assert.Contains(search, r => r.Page == 1);

        // ... the evidence of an answer never holds it, and the answer quotes the guidance page.
        var ask = host.Services.GetRequiredService<AskService>();
        var prepared = await ask.PrepareAsync(SnakeBite, topK: null, new AnswerOptions(), CancellationToken.None);
        var answer = await ask.AnswerAsync(prepared, CancellationToken.None);

        Assert.NotEmpty(prepared.Message.Evidence);
        Assert.All(prepared.Message.Evidence, p => Assert.Equal(2, p.Page));
        Assert.False(answer.Abstained, answer.Reason);
        Assert.NotEmpty(answer.Citations);
        Assert.All(answer.Citations, c => Assert.Equal(2, c.Page));
        Assert.DoesNotContain("....", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_guideline_the_question_names_joins_the_evidence_when_another_ranks_first()
    {
        await using var host = await TestHost.StartAsync();
        await IngestAsync(host, "pocket.pdf", SmallPdfs.Guideline("1 Fever", "Give paracetamol to a child with high fever.", "Repeat paracetamol every six hours while the fever is high."),
            new MetadataOverrides { Title = "Pocket book of hospital care for children", Publisher = "WHO" });
        await IngestAsync(host, "uganda.pdf", SmallPdfs.Guideline("2 Malaria", "Test every child with fever for malaria before any treatment."),
            new MetadataOverrides { Title = "Basic Paediatric Protocols", Publisher = "Uganda Ministry of Health" });
        var ask = host.Services.GetRequiredService<AskService>();

        var plain = await ask.PrepareAsync("What is given to a child with high fever?", topK: 1, new AnswerOptions(), CancellationToken.None);
        var named = await ask.PrepareAsync("Under our Uganda protocols, what is given to a child with high fever?", topK: 1, new AnswerOptions(), CancellationToken.None);

        var first = Assert.Single(plain.Message.Evidence);
        Assert.Equal("Pocket book of hospital care for children", first.Title);
        Assert.False(first.FromNamedGuideline);
        // The evidence keeps its size: the named guideline's passage takes the place of the other one.
        var passage = Assert.Single(named.Message.Evidence);
        Assert.Equal("Basic Paediatric Protocols", passage.Title);
        Assert.True(passage.FromNamedGuideline);
        Assert.Equal(1, passage.N);
    }

    /// <summary>A host whose embedder counts what it embeds, with the ORS guideline ingested.</summary>
    private static async Task<TestHost> StartCountingEmbeddingsAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = await TestHost.StartAsync(settings, services =>
        {
            services.AddSingleton<OnnxEmbedder>();
            services.AddSingleton(sp => new CountingEmbedder(sp.GetRequiredService<OnnxEmbedder>()));
            services.AddSingleton<IEmbedder>(sp => sp.GetRequiredService<CountingEmbedder>());
        });
        try
        {
            await IngestAsync(host, "ors.pdf", SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool.", "Continue breastfeeding."));
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    internal static async Task<IngestFileReport> IngestAsync(TestHost host, string name, byte[] pdf, MetadataOverrides? metadata = null)
    {
        string path = host.File(name);
        await File.WriteAllBytesAsync(path, pdf);
        return await host.Services.GetRequiredService<IngestService>().IngestAsync(path, manifest: null, metadata ?? new MetadataOverrides(), progress: null, CancellationToken.None);
    }
}
