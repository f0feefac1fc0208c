using Meditron.Retrieval.Analysis;
using Qdrant.Client.Grpc;
using static Qdrant.Client.Grpc.Conditions;

namespace Meditron.Retrieval.Qdrant;

/// <summary>
/// Counting the chunks that hold a word: a full-text index on the chunk text (words, lower case, accents folded) and a
/// text-match filter per word. Unlike the embedded index's analysed terms these are whole words, not stems.
/// </summary>
internal static class QdrantWordCount
{
    public static PayloadIndexParams TextIndex { get; } = new()
    {
        TextIndexParams = new TextIndexParams
        {
            Tokenizer = TokenizerType.Word,
            Lowercase = true,
            AsciiFolding = true,
            MinTokenLen = 2,
            MaxTokenLen = 40,
        },
    };

    /// <summary>The filter matching chunks whose text holds the word; null for a stop word or an empty one.</summary>
    public static Filter? FilterFor(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var trimmed = word.Trim();
        if (trimmed.Length == 0 || Bm25Terms.QueryTerms(trimmed).Count == 0)
        {
            return null;
        }
        return new Filter { Must = { MatchText(QdrantPayload.Text, trimmed.ToLowerInvariant()) } };
    }
}
