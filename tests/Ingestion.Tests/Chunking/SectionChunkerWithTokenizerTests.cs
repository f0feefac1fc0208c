using Meditron.Ingestion.Chunking;
using Meditron.Ingestion.Embedding;
using Meditron.Ingestion.Tests.Embedding;
using static Meditron.Ingestion.Tests.Chunking.Docs;

namespace Meditron.Ingestion.Tests.Chunking;

/// <summary>The chunker with the real all-MiniLM-L6-v2 tokenizer, as ingestion runs it.</summary>
[Collection(EmbedderGroup.Name)]
public sealed class SectionChunkerWithTokenizerTests(EmbedderFixture fixture)
{
    private readonly OnnxEmbedder _embedder = fixture.Embedder;

    [Fact]
    public void Budget_holds_for_a_2000_word_paragraph_under_a_long_section_path()
    {
        var section = "Chapitre 4 Prise en charge de la déshydratation > 4.2 Enfants de moins de cinq ans présentant une diarrhée aiguë " +
            "> 4.2.3 Plan C : traitement de la déshydratation sévère par voie intraveineuse (Ringer lactate) > Surveillance";
        var sentences = new[]
        {
            "Administrer 100 ml/kg de Ringer lactate : 30 ml/kg en 30 minutes puis 70 ml/kg en 2 heures 30 chez l'enfant de plus de 12 mois.",
            "Réévaluer l'état d'hydratation toutes les 15 à 30 minutes; si le pouls radial reste faible, répéter la première phase.",
            "¿El niño puede beber? Dar SRO (unos 5 ml/kg/hora) tan pronto como pueda beber, además de la perfusión.",
            "Le cólera et l'été : surveiller la diurèse, les convulsions, et la glycémie (hypoglycémie < 3 mmol/l).",
        };
        var paragraph = string.Join(' ', Enumerable.Range(0, 2000).Select(i => sentences[i % sentences.Length]))
            .Split(' ').Take(2000);
        var doc = Doc(Page(31, "29", H("Surveillance", section), P(string.Join(' ', paragraph), section)),
            Page(32, "30", T(section, "Âge | Poids | Ringer lactate (ml)", Enumerable.Range(0, 40).Select(i => $"{i} mois | {3 + i / 4} kg | {100 * (3 + i / 4)} ml").ToArray())));

        var chunks = new SectionChunker(Microsoft.Extensions.Options.Options.Create(new ChunkingOptions()))
            .Chunk("msf-cholera", doc, "fr", _embedder.CountTokens);

        AssertWellFormed(chunks, _embedder.MaxTokens, _embedder.CountTokens, "msf-cholera");
        Assert.True(chunks.Count > 10);
        Assert.All(chunks, c => Assert.Equal(section, c.Section));
        Assert.True(chunks.Average(c => c.TokenCount) > 200, $"chunks are well filled ({chunks.Average(c => c.TokenCount):F0} tokens)");
        Assert.All(chunks.Where(c => c.Text.Contains(" kg | ", StringComparison.Ordinal)),
            c => Assert.Contains("Âge | Poids | Ringer lactate (ml)", c.Text, StringComparison.Ordinal));
        Assert.Equal((31, "29"), (chunks[0].PageStart, chunks[0].PageLabel));
        Assert.Equal((32, "30"), (chunks[^1].PageEnd, chunks[^1].PageLabelEnd));

        // What the model reads is what was counted: nothing is cut.
        Assert.All(chunks, c => Assert.True(_embedder.Encode(SectionChunker.EmbeddingText(c)).Length == c.TokenCount));
    }
}
