using Meditron.Application.Answering;
using Meditron.Application.Ingesting;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Meditron.Ingestion.Embedding;
using Meditron.Ingestion.Intake;
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
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Answer:MinEvidenceSimilarity"] = "0" }, services =>
        {
            services.AddSingleton<OnnxEmbedder>();
            services.AddSingleton(sp => new CountingEmbedder(sp.GetRequiredService<OnnxEmbedder>()));
            services.AddSingleton<IEmbedder>(sp => sp.GetRequiredService<CountingEmbedder>());
        });
        await IngestAsync(host, "ors.pdf", SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool.", "Continue breastfeeding."));
        var counting = host.Services.GetRequiredService<CountingEmbedder>();
        int before = counting.Texts.Count;

        var answer = await host.Services.GetRequiredService<AskService>().AskAsync(Question, topK: null, new AnswerOptions(), CancellationToken.None);

        Assert.False(answer.Abstained, answer.Reason);
        var question = Assert.Single(counting.Embedded.Skip(before), e => e.Text == Question);
        Assert.Equal(EmbeddingPurpose.Query, question.Purpose);
        Assert.All(counting.Embedded.Skip(before).Where(e => e.Text != Question), e => Assert.Equal(EmbeddingPurpose.Passage, e.Purpose));
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

    internal static async Task<IngestFileReport> IngestAsync(TestHost host, string name, byte[] pdf)
    {
        string path = host.File(name);
        await File.WriteAllBytesAsync(path, pdf);
        return await host.Services.GetRequiredService<IngestService>().IngestAsync(path, manifest: null, new MetadataOverrides(), progress: null, CancellationToken.None);
    }
}
