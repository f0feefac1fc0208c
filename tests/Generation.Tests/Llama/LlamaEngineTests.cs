using System.Text;
using Meditron.Core.Generation;
using Meditron.Generation.Llama;
using Meditron.Tests.Support.Models;

namespace Meditron.Generation.Tests.Llama;

[Collection(LlamaCollection.Name)]
public sealed class LlamaEngineTests(LlamaFixture models)
{
    private static readonly EvidencePassage Amox = LlamaFixture.Passage(1, "Give amoxicillin 500 mg three times daily for 5 days.");

    private static LlamaEngine Engine(string model, int contextSize = 0, int maxConcurrent = 4) =>
        new(new LlamaOptions { ModelPath = model, ContextSize = contextSize, MaxConcurrentRequests = maxConcurrent, Threads = 2, Seed = 1 });

    [Fact]
    public void Loads_the_model_and_names_the_engine()
    {
        using var engine = Engine(models.BaseModel);
        Assert.Equal($"llamasharp:{Path.GetFileName(models.BaseModel)}", engine.Name);
        Assert.Equal(TinyGguf.TrainContext, engine.ContextSize);
        Assert.True(engine.CountTokens("hello") > 5); // byte-level vocabulary: BOS + one token per byte
    }

    [Fact]
    public void Base_model_gets_the_completion_template()
    {
        using var engine = Engine(models.BaseModel);
        Assert.False(engine.UsesChatTemplate);
        var plan = engine.BuildPrompt(LlamaFixture.Request("Dose of amoxicillin?", 16, Amox));
        Assert.False(plan.UsesChatTemplate);
        Assert.Contains(PromptBuilder.EvidenceStart, plan.Text, StringComparison.Ordinal);
        Assert.Contains("[1] Guideline 1 — WHO, edition 2024, page p11 (section Dosage):", plan.Text, StringComparison.Ordinal);
        Assert.EndsWith("Question: Dose of amoxicillin?\nAnswer (cite [n] after every sentence):", plan.Text, StringComparison.Ordinal);
        Assert.Equal([1], plan.Included);
    }

    [Fact]
    public void Chat_model_gets_its_chat_template()
    {
        using var engine = Engine(models.ChatModel);
        Assert.True(engine.UsesChatTemplate);
        var plan = engine.BuildPrompt(LlamaFixture.Request("Dose of amoxicillin?", 16, Amox));
        Assert.True(plan.UsesChatTemplate);
        Assert.StartsWith("<|im_start|>system\n", plan.Text, StringComparison.Ordinal);
        Assert.Contains("<|im_start|>user\n" + PromptBuilder.EvidenceStart, plan.Text, StringComparison.Ordinal);
        Assert.Contains("[1] Guideline 1", plan.Text, StringComparison.Ordinal);
        Assert.EndsWith("<|im_start|>assistant\n", plan.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generates_text_and_stops_at_MaxTokens()
    {
        using var engine = Engine(models.BaseModel);
        var result = await engine.CompleteAsync(LlamaFixture.Request("Dose?", 12, Amox), CancellationToken.None);
        Assert.Equal(12, result.GeneratedTokens);
        Assert.Equal(LlamaStopReason.MaxTokens, result.StopReason);
        Assert.NotEmpty(result.Text);
    }

    [Fact]
    public async Task Stops_at_end_of_generation()
    {
        using var engine = Engine(models.EosModel);
        var result = await engine.CompleteAsync(LlamaFixture.Request("Dose?", 50, Amox), CancellationToken.None);
        Assert.Equal(LlamaStopReason.EndOfGeneration, result.StopReason);
        Assert.Equal(0, result.GeneratedTokens);
        Assert.Equal("", result.Text);
    }

    [Fact]
    public async Task Streamed_deltas_concatenate_to_the_final_text()
    {
        var options = new LlamaOptions { ModelPath = models.BaseModel, Threads = 2, Seed = 7, Temperature = 0.8f };
        using var engine = new LlamaEngine(options);
        var request = LlamaFixture.Request("Dose?", 20, Amox);
        var streamed = new StringBuilder();
        var deltas = 0;
        await foreach (var delta in engine.StreamAsync(request, CancellationToken.None))
        {
            streamed.Append(delta);
            deltas++;
        }
        var whole = await engine.CompleteAsync(request, CancellationToken.None); // same seed, same logits: same text
        Assert.True(deltas > 1);
        Assert.Equal(whole.Text, streamed.ToString());
    }

    [Fact]
    public async Task Cancellation_stops_an_in_flight_request_and_frees_its_slot()
    {
        using var engine = Engine(models.BaseModel, maxConcurrent: 1);
        using var cts = new CancellationTokenSource();
        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in engine.StreamAsync(LlamaFixture.Request("Dose?", 400, Amox), cts.Token))
            {
                if (++received == 3)
                    await cts.CancelAsync();
            }
        });
        Assert.Equal(3, received);

        // The only slot is free again: a new request completes.
        var next = await engine.CompleteAsync(LlamaFixture.Request("Dose?", 4, Amox), CancellationToken.None);
        Assert.Equal(4, next.GeneratedTokens);
    }

    [Fact]
    public async Task Already_cancelled_request_throws()
    {
        using var engine = Engine(models.BaseModel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => engine.CompleteAsync(LlamaFixture.Request("Dose?", 4, Amox), new CancellationToken(true)));
    }

    [Fact]
    public async Task Concurrent_requests_all_complete()
    {
        using var engine = Engine(models.BaseModel, maxConcurrent: 4);
        var tasks = Enumerable.Range(0, 6) // more than the 4 slots: two wait their turn
            .Select(i => engine.CompleteAsync(LlamaFixture.Request($"Question {i}?", 10 + i, Amox), CancellationToken.None))
            .ToArray();
        var results = await Task.WhenAll(tasks);
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(10 + i, results[i].GeneratedTokens);
            Assert.NotEmpty(results[i].Text);
        }
    }

    [Fact]
    public async Task Evidence_larger_than_the_context_is_trimmed_to_fit()
    {
        using var engine = Engine(models.BaseModel, contextSize: 1536);
        var evidence = Enumerable.Range(1, 12)
            .Select(n => LlamaFixture.Passage(n, string.Concat(Enumerable.Repeat($"Passage {n} says something long. ", 8))))
            .ToArray();
        const int maxTokens = 32;
        var request = LlamaFixture.Request("Dose?", maxTokens, evidence);
        var plan = engine.BuildPrompt(request);

        Assert.True(plan.TokenCount <= engine.ContextSize - maxTokens);
        Assert.Equal(plan.TokenCount, engine.CountTokens(plan.Text));
        Assert.NotEmpty(plan.Dropped);
        Assert.Equal(evidence.Length, plan.Included.Count + plan.Dropped.Count);
        foreach (var n in plan.Dropped)
            Assert.DoesNotContain($"[{n}] Guideline", plan.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Passage 12 says", plan.Text, StringComparison.Ordinal);

        var result = await engine.CompleteAsync(request, CancellationToken.None);
        Assert.Equal(maxTokens, result.GeneratedTokens);
        Assert.True(result.PromptTokens + result.GeneratedTokens <= engine.ContextSize);
    }
}
