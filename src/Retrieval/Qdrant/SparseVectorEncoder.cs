using System.Text;
using Meditron.Core.Documents;
using Meditron.Retrieval.Analysis;

namespace Meditron.Retrieval.Qdrant;

/// <summary>A sparse vector: strictly increasing indices with their values (Qdrant rejects repeated indices).</summary>
internal sealed record SparseTerms(uint[] Indices, float[] Values)
{
    public bool IsEmpty => Indices.Length == 0;
}

/// <summary>
/// BM25 as a Qdrant sparse vector. Terms come from <see cref="TextAnalyzer"/> (the same analysis as the
/// embedded index); each term becomes the index <see cref="TermIndex"/> (32-bit FNV-1a of its UTF-8
/// bytes: stable across processes and machines, unlike <see cref="string.GetHashCode()"/>).
/// </summary>
/// <remarks>
/// A document's value for a term is BM25's saturated term frequency
/// <c>tf·(k1+1) / (tf + k1·(1 − b + b·len/avgLen))</c> with k1 = 1.2, b = 0.75 and
/// <c>avgLen</c> = <see cref="AverageLength"/> terms (a constant near the chunker's chunk size, since the
/// true corpus average is not known when a point is written, and a point's vector cannot depend on other points).
/// The collection's sparse vector has <c>Modifier.Idf</c>, so Qdrant multiplies each query term by its
/// IDF over the collection; query values are 1. The score is then Σ idf(t)·tfₛ(t, d): BM25.
/// Changing these constants or the hash requires re-indexing.
/// Two distinct terms can share an index (about one pair in 2³² for a given pair); their frequencies then add up.
/// </remarks>
internal static class SparseVectorEncoder
{
    public const float K1 = 1.2f;
    public const float B = 0.75f;
    public const float AverageLength = 120f;

    /// <summary>The sparse vector of a chunk: the terms of its section heading and its text, in the chunk's language.</summary>
    public static SparseTerms Document(string section, string text, string? language)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(text);
        string body = section.Length == 0 ? text : section + "\n" + text;
        return FromDocumentTerms(TextAnalyzer.DocumentTerms(body, language));
    }

    /// <summary>The sparse vector of a chunk of the document titled <paramref name="title"/>: the same matched text as the embedded index's FTS5 terms.</summary>
    public static SparseTerms Document(Chunk chunk, string title)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return FromDocumentTerms(TextAnalyzer.DocumentTerms(Bm25Terms.MatchedText(chunk, title), chunk.Language));
    }

    /// <summary>The sparse vector of a query: its distinct terms under every supported language, each with value 1.</summary>
    public static SparseTerms Query(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        uint[] indices = TextAnalyzer.QueryTerms(query).Select(TermIndex).Distinct().Order().ToArray();
        return new SparseTerms(indices, Enumerable.Repeat(1f, indices.Length).ToArray());
    }

    public static SparseTerms FromDocumentTerms(IReadOnlyCollection<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var frequencies = new SortedDictionary<uint, int>();
        foreach (string term in terms)
        {
            uint index = TermIndex(term);
            frequencies[index] = frequencies.GetValueOrDefault(index) + 1;
        }

        float norm = K1 * (1 - B + B * terms.Count / AverageLength);
        var indices = new uint[frequencies.Count];
        var values = new float[frequencies.Count];
        int i = 0;
        foreach (var (index, tf) in frequencies)
        {
            indices[i] = index;
            values[i] = tf * (K1 + 1) / (tf + norm);
            i++;
        }
        return new SparseTerms(indices, values);
    }

    /// <summary>32-bit FNV-1a of the term's UTF-8 bytes.</summary>
    public static uint TermIndex(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        Span<byte> buffer = term.Length <= 128 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(term.Length)] : new byte[Encoding.UTF8.GetByteCount(term)];
        int length = Encoding.UTF8.GetBytes(term, buffer);
        uint hash = offsetBasis;
        foreach (byte b in buffer[..length])
        {
            hash = unchecked((hash ^ b) * prime);
        }
        return hash;
    }
}
