using System.Diagnostics;
using Meditron.Application.Answering;
using Meditron.Application.Extensions;
using Meditron.Core.Generation;
using Meditron.Core.Telemetry;
using Meditron.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Application.Tests.Telemetry;

/// <summary>One ingest or one ask is one trace, with ids, counts and outcomes on its spans and no text of any kind.</summary>
public sealed class TracingTests
{
    private const string Question = "How often are oral rehydration salts given?";
    private const string Passage = "Give oral rehydration salts after each loose stool.";

    /// <summary>No abstention threshold: the tiny document must be answered, so that generate runs the engine.</summary>
    private static readonly Dictionary<string, string?> Answering = new() { ["Answer:MinEvidenceSimilarity"] = "0" };

    [Fact]
    public async Task An_ingest_is_one_trace_with_extract_embed_and_index_under_ingest()
    {
        using var recorder = new SpanRecorder();
        await using var host = await TestHost.StartAsync();
        using var root = SpanRecorder.StartRoot();

        var report = await AskServiceTests.IngestAsync(host, "ors.pdf", SmallPdfs.Guideline("1 Dehydration", Passage));
        root.Stop();

        var spans = recorder.InTrace(root);
        var ingest = Child(spans, root, "ingest");
        Assert.Equal(report.DocumentId, ingest.GetTagItem(SpanTags.DocumentId));
        Assert.Equal("indexed", ingest.GetTagItem(SpanTags.Outcome));
        var extract = Child(spans, ingest, "extract");
        Assert.Equal(report.DocumentId, extract.GetTagItem(SpanTags.DocumentId));
        Assert.Equal(1, extract.GetTagItem(SpanTags.Pages));
        Assert.Equal(0, extract.GetTagItem(SpanTags.OcrPages));
        Assert.Equal(report.Chunks, Child(spans, ingest, "embed").GetTagItem(SpanTags.Chunks));
        var index = Child(spans, ingest, "index");
        Assert.Equal(report.DocumentId, index.GetTagItem(SpanTags.DocumentId));
        Assert.Equal(report.Chunks, index.GetTagItem(SpanTags.Chunks));
        SpanText.AssertNone(spans, Passage, "Dehydration");
    }

    [Fact]
    public async Task An_ask_is_one_trace_with_retrieve_and_generate_under_ask_and_no_question_text()
    {
        using var recorder = new SpanRecorder();
        await using var host = await TestHost.StartAsync(Answering);
        await AskServiceTests.IngestAsync(host, "ors.pdf", SmallPdfs.Guideline("1 Dehydration", Passage));
        using var root = SpanRecorder.StartRoot();

        var answer = await host.Services.GetRequiredService<AskService>().AskAsync(Question, topK: null, new AnswerOptions(), CancellationToken.None);
        root.Stop();

        Assert.False(answer.Abstained, answer.Reason);
        var spans = recorder.InTrace(root);
        var ask = Child(spans, root, "ask");
        Assert.Equal("answered", ask.GetTagItem(SpanTags.Outcome));
        var retrieve = Child(spans, ask, "retrieve");
        Assert.Equal("hybrid", retrieve.GetTagItem(SpanTags.RetrievalMode));
        Assert.Equal(8, retrieve.GetTagItem(SpanTags.TopK));
        Assert.True((int)retrieve.GetTagItem(SpanTags.ResultCount)! >= 1);
        var generate = Child(spans, ask, "generate");
        Assert.Equal("extractive", generate.GetTagItem(SpanTags.Engine));
        Assert.Equal(ask.GetTagItem(SpanTags.RequestId), generate.GetTagItem(SpanTags.RequestId));
        Assert.Equal("answered", generate.GetTagItem(SpanTags.Outcome));
        Assert.Equal(answer.Citations.Count, generate.GetTagItem(SpanTags.Citations));
        Assert.DoesNotContain(spans, s => s.Status == ActivityStatusCode.Error);
        SpanText.AssertNone(spans, Question, Passage, answer.Answer);
    }

    [Fact]
    public async Task An_abstention_is_tagged_with_its_reason_code()
    {
        using var recorder = new SpanRecorder();
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Answer:MinEvidenceSimilarity"] = "0.99" });
        await AskServiceTests.IngestAsync(host, "ors.pdf", SmallPdfs.Guideline("1 Dehydration", Passage));
        using var root = SpanRecorder.StartRoot();

        var answer = await host.Services.GetRequiredService<AskService>().AskAsync(Question, topK: null, new AnswerOptions(), CancellationToken.None);
        root.Stop();

        Assert.True(answer.Abstained);
        var spans = recorder.InTrace(root);
        var generate = Child(spans, Child(spans, root, "ask"), "generate");
        Assert.Equal("abstained", generate.GetTagItem(SpanTags.Outcome));
        Assert.Equal("no_evidence", generate.GetTagItem(SpanTags.Reason));
    }

    [Fact]
    public async Task An_ask_over_the_queue_continues_its_trace_in_the_generation_worker()
    {
        using var recorder = new SpanRecorder();
        // The in-process transport plays the broker: the question crosses the queue as it would between processes.
        await using var host = await TestHost.StartAsync(Answering, services =>
        {
            services.AddSingleton<IAnswerGenerator, QueuedAnswerGenerator>();
            services.AddGenerationWorker(new ConfigurationBuilder().Build());
        });
        await AskServiceTests.IngestAsync(host, "ors.pdf", SmallPdfs.Guideline("1 Dehydration", Passage));
        using var root = SpanRecorder.StartRoot();

        var answer = await host.Services.GetRequiredService<AskService>().AskAsync(Question, topK: null, new AnswerOptions(), CancellationToken.None);
        root.Stop();

        Assert.False(answer.Abstained, answer.Reason);
        var spans = await recorder.InTraceOnceEndedAsync(root, "generate process");
        var ask = Child(spans, root, "ask");
        Child(spans, ask, "retrieve");
        var publish = Child(spans, ask, "generate publish");
        Assert.Equal(ActivityKind.Producer, publish.Kind);
        var process = Child(spans, publish, "generate process");
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        var generate = Child(spans, process, "generate");
        Assert.Equal(ask.GetTagItem(SpanTags.RequestId), generate.GetTagItem(SpanTags.RequestId));
        Assert.Contains(spans, s => s.DisplayName == "reply publish" && s.ParentSpanId == process.SpanId);
        SpanText.AssertNone(spans, Question, Passage, answer.Answer);
    }

    /// <summary>The one span named <paramref name="name"/> whose parent is <paramref name="parent"/>.</summary>
    private static Activity Child(IReadOnlyList<Activity> spans, Activity parent, string name)
    {
        var children = spans.Where(s => s.ParentSpanId == parent.SpanId).ToList();
        return Assert.Single(children, s => s.DisplayName == name);
    }
}
