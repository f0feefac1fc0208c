namespace Meditron.Core.Retrieval;

public enum SearchMode
{
    /// <summary>Dense and BM25 rankings fused by reciprocal rank.</summary>
    Hybrid,
    Dense,
    Bm25,
}
