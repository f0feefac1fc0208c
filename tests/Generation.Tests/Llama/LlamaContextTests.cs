using System.Globalization;
using System.Text.RegularExpressions;
using Meditron.Core.Generation;
using Meditron.Generation.Llama;
using Meditron.Generation.Tests.OpenAi;
using Meditron.Tests.Support.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meditron.Generation.Tests.Llama;

/// <summary>
/// Contexts too small for the default answer budget. The tiny model's vocabulary is byte-level, so its prompt
/// (instructions and a short question) is about 1,000 tokens where a real tokenizer needs a few hundred: its
/// 1,280-token context is what a 256- to 512-token context is to a real model, and 256 tokens do not even
/// hold its instructions.
/// </summary>
[Collection(LlamaCollection.Name)]
public sealed partial class LlamaContextTests(LlamaFixture models)
{
    private const int SmallContext = 1280;
    private static readonly EvidencePassage Amox = LlamaFixture.Passage(1, "Give amoxicillin 500 mg three times daily for 5 days.");
    private static readonly int DefaultTokens = new AnswerOptions().MaxTokens;

    [Fact]
    public async Task A_context_too_small_for_the_default_answer_shortens_it_with_one_warning_and_still_answers()
    {
        var logger = new CapturingLogger<LlamaEngine>();
        using var engine = new LlamaEngine(new LlamaOptions { ModelPath = models.BaseModel, ContextSize = SmallContext, Threads = 2, Seed = 1 }, logger);

        Assert.InRange(engine.DefaultAnswerTokens, PromptBuilder.MinAnswerTokens, DefaultTokens - 1);
        var warning = Assert.Single(logger.Entries, e => e.Level >= LogLevel.Warning).Message;
        Assert.Contains($"answers are shortened to {engine.DefaultAnswerTokens} of the default {DefaultTokens} tokens, because a {SmallContext}-token context", warning, StringComparison.Ordinal);
        Assert.Contains("raise Generation:Llama:ContextSize", warning, StringComparison.Ordinal);
        Assert.Contains($"the model's context size is {TinyGguf.TrainContext} tokens", warning, StringComparison.Ordinal);

        // A request with the default answer budget is answered, its answer shortened to what fits next to its evidence.
        var result = await engine.CompleteAsync(new GenerateAnswer("small", "Dose of amoxicillin?", [Amox], new AnswerOptions()), CancellationToken.None);
        Assert.Equal([1], result.Prompt.Included);
        Assert.InRange(result.Prompt.AnswerTokens, PromptBuilder.MinAnswerTokens, DefaultTokens - 1);
        Assert.Equal(engine.ContextSize - result.PromptTokens, result.Prompt.AnswerTokens);
        Assert.Equal(result.Prompt.AnswerTokens, result.GeneratedTokens);
        Assert.Equal(LlamaStopReason.MaxTokens, result.StopReason);
        Assert.NotEmpty(result.Text);
        Assert.Single(logger.Entries, e => e.Level >= LogLevel.Warning); // requests log no further warning
    }

    [Fact]
    public void A_context_that_holds_the_default_answer_logs_no_warning()
    {
        var logger = new CapturingLogger<LlamaEngine>();
        using var engine = new LlamaEngine(new LlamaOptions { ModelPath = models.BaseModel, Threads = 2 }, logger);
        Assert.Equal(DefaultTokens, engine.DefaultAnswerTokens);
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public void A_context_too_small_for_the_instructions_fails_at_start_with_a_configuration_error()
    {
        var model = TinyGguf.WriteTemp();
        try
        {
            var error = Assert.Throws<OptionsValidationException>(() => new LlamaEngine(new LlamaOptions { ModelPath = model, ContextSize = 256 }));

            Assert.Equal(LlamaOptions.SectionName, error.OptionsName);
            var message = Assert.Single(error.Failures);
            Assert.StartsWith("Generation:Llama:ContextSize is 256 tokens, too small to answer: the instructions and a short question need ", message, StringComparison.Ordinal);
            Assert.Matches($@"Set Generation:Llama:ContextSize to at least \d+, or to 0 for the model's context size \({TinyGguf.TrainContext} tokens\)\.$", message);
            Assert.DoesNotMatch(Negative(), message);
            Assert.False(LlamaWeightsCache.IsLoaded(model)); // the weights loaded for the check are released
        }
        finally
        {
            File.Delete(model);
        }
    }

    [Fact]
    public void A_model_whose_own_context_is_too_small_fails_at_start_naming_its_context_size()
    {
        var model = TinyGguf.WriteTemp(shape: TinyGgufShape.Default with { Context = 512 });
        try
        {
            var error = Assert.Throws<OptionsValidationException>(() => new LlamaEngine(new LlamaOptions { ModelPath = model }));

            var message = Assert.Single(error.Failures);
            Assert.StartsWith("The model's context size is 512 tokens (used because Generation:Llama:ContextSize is not set), too small to answer", message, StringComparison.Ordinal);
            Assert.Matches(@"Set Generation:Llama:ContextSize to at least \d+ \(the model's context size is 512 tokens; beyond it answers may degrade\) or use a model with a larger context\.$", message);
            Assert.DoesNotMatch(Negative(), message);
            Assert.False(LlamaWeightsCache.IsLoaded(model));
        }
        finally
        {
            File.Delete(model);
        }
    }

    [Fact]
    public async Task A_question_too_long_for_the_context_is_refused_with_its_token_count_and_the_most_allowed()
    {
        using var engine = new LlamaEngine(new LlamaOptions { ModelPath = models.BaseModel, ContextSize = SmallContext, Threads = 2 });
        // No spaces: the byte-level vocabulary spells a space as the three bytes of U+2581, every other character as one.
        var question = string.Concat(Enumerable.Repeat("Amoxicillin_dose_for_a_child?", 20));

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => engine.CompleteAsync(new GenerateAnswer("long", question, [Amox], new AnswerOptions()), CancellationToken.None));

        var match = TooLong().Match(error.Message);
        Assert.True(match.Success, error.Message);
        var tokens = int.Parse(match.Groups["tokens"].Value, CultureInfo.InvariantCulture);
        var most = int.Parse(match.Groups["most"].Value, CultureInfo.InvariantCulture);
        Assert.Equal(question.Length, tokens);
        Assert.InRange(most, 1, tokens - 1);
        Assert.DoesNotMatch(Negative(), error.Message);

        // A question of the most allowed is answered, with the shortest answer.
        var longest = await engine.CompleteAsync(new GenerateAnswer("longest", question[..most], [Amox], new AnswerOptions()), CancellationToken.None);
        Assert.Equal(PromptBuilder.MinAnswerTokens, longest.GeneratedTokens);
        Assert.Empty(longest.Prompt.Included);
    }

    [GeneratedRegex(@"-\d")]
    private static partial Regex Negative();

    [GeneratedRegex(@"^The question has (?<tokens>\d+) tokens, more than the (?<most>\d+) a 1280-token context allows for a question \(it also holds the \d+-token instructions and at least 64 answer tokens\)\. Ask a shorter question\.")]
    private static partial Regex TooLong();
}
