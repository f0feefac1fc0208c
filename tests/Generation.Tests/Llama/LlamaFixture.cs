using Meditron.Core.Generation;
using Meditron.Tests.Support.Models;

namespace Meditron.Generation.Tests.Llama;

/// <summary>Writes the tiny GGUF models once for the Llama test collection.</summary>
public sealed class LlamaFixture : IDisposable
{
    public string BaseModel { get; } = TinyGguf.WriteTemp(TinyEos.Never);
    public string ChatModel { get; } = TinyGguf.WriteTemp(TinyEos.Never, TinyGguf.ChatMlTemplate);
    public string EosModel { get; } = TinyGguf.WriteTemp(TinyEos.Always);

    public void Dispose()
    {
        foreach (var path in new[] { BaseModel, ChatModel, EosModel })
        {
            try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    public static EvidencePassage Passage(int n, string text) => new()
    {
        N = n,
        DocumentId = $"doc-{n}",
        Title = $"Guideline {n}",
        Publisher = "WHO",
        Edition = "2024",
        File = $"g{n}.pdf",
        Page = 10 + n,
        PageEnd = 10 + n,
        PageLabel = $"p{10 + n}",
        Section = "Dosage",
        Text = text,
    };

    public static GenerateAnswer Request(string question, int maxTokens, params EvidencePassage[] evidence) =>
        new(Guid.NewGuid().ToString("N"), question, evidence, new AnswerOptions { MaxTokens = maxTokens });
}

[CollectionDefinition(Name)]
public sealed class LlamaCollection : ICollectionFixture<LlamaFixture>
{
    public const string Name = "Llama";
}
