using Meditron.Core.Generation;
using Meditron.Generation.OpenAi;
using Meditron.Generation.Tests.Citations;

namespace Meditron.Generation.Tests.OpenAi;

/// <summary>Engines pointed at a <see cref="LocalChatServer"/>, and requests to send them.</summary>
internal static class OpenAiTestKit
{
    public const string Model = "meditron-test";
    public const string Key = "sk-local-test";

    public static readonly EvidencePassage[] Pack =
    [
        Evidence.Passage(1, "Give oral amoxicillin 40 mg/kg per dose twice daily for 5 days."),
        Evidence.Passage(2, "Refer urgently to hospital if any danger sign is present."),
    ];

    public static OpenAiOptions Options(LocalChatServer server, int maxRetries = 0) => new()
    {
        Endpoint = server.Endpoint,
        Model = Model,
        ApiKey = Key,
        MaxRetries = maxRetries,
    };

    public static OpenAiEngine Engine(LocalChatServer server, int maxRetries = 0) => new(Options(server, maxRetries));

    public static GenerateAnswer Request(string question, IReadOnlyList<EvidencePassage> evidence, int maxTokens = 256, string? language = null) =>
        new("req-1", question, evidence, new AnswerOptions { MaxTokens = maxTokens, Language = language });

    public static async Task<List<string>> CollectAsync(IAsyncEnumerable<string> deltas)
    {
        var all = new List<string>();
        await foreach (var d in deltas)
            all.Add(d);
        return all;
    }
}
