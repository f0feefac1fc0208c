namespace Meditron.Core.Retrieval;

/// <summary>What the retrieval service asks an index adapter for.</summary>
/// <param name="Text">The query text, for the BM25 side (each adapter analyses it its own way).</param>
/// <param name="Vector">The query embedding, for the dense side; null in BM25 mode.</param>
/// <param name="Limit">How many hits to return after fusion.</param>
/// <param name="CandidateLimit">How many hits each side contributes to the fusion.</param>
/// <param name="RrfK">The k of reciprocal-rank fusion: score = sum of 1 / (k + rank).</param>
public sealed record IndexQuery(
    string Text,
    float[]? Vector,
    SearchMode Mode,
    int Limit,
    IndexFilter Filter,
    int CandidateLimit = 100,
    int RrfK = 10);
