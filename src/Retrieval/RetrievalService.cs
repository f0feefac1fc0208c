using System.Diagnostics;
using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meditron.Retrieval;

/// <summary>
/// Hybrid retrieval over whichever index adapter is configured: embeds the query, resolves which
/// editions may answer (current by default, all, or those current at a date), asks the index,
/// drops near-duplicate passages and returns ranked, citable results.
/// </summary>
public sealed partial class RetrievalService(
    IChunkIndex index,
    IDocumentRegistry registry,
    IEmbedder embedder,
    IOptions<RetrievalOptions> options,
    ILogger<RetrievalService> logger)
{
    private readonly RetrievalOptions _options = options.Value;

    /// <summary>
    /// What the index and the registry say of a question's words, from one read of each: how many chunks (any edition,
    /// any document) hold each of its subject words, and how many chunks the index holds in all (a count of 0 is a
    /// subject the loaded guidelines never mention; stop words and numbers are not counted); and the current documents
    /// it names by title or publisher ("under IMCI", "our Uganda protocols"; <see cref="GuidelineNames"/>).
    /// </summary>
    public async Task<QuestionLookup> LookUpQuestionAsync(string question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var documents = await registry.ListAsync(cancellationToken);
        var named = GuidelineNames.NamedIn(question, documents);
        var words = SubjectWords.Of(question);
        if (words.Count == 0)
        {
            return new QuestionLookup(new SubjectWordCounts(new Dictionary<string, long>(), 0), named);
        }
        var counts = await index.CountChunksWithWordsAsync(words, cancellationToken);
        long chunks = documents.Where(d => d.Status == DocumentStatus.Indexed).Sum(d => (long)d.Chunks);
        // Ordered as the question says them, so that what is reported reads in its order.
        var ordered = words.Where(counts.ContainsKey).ToDictionary(w => w, w => counts[w], StringComparer.Ordinal);
        return new QuestionLookup(new SubjectWordCounts(ordered, chunks), named);
    }

    public async Task<IReadOnlyList<SearchResult>> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Query);
        int topK = Math.Clamp(request.TopK, 1, _options.MaxTopK);
        var stopwatch = Stopwatch.StartNew();
        using var span = RetrievalTelemetry.StartRetrieve(request.Mode, topK);

        var filter = await ScopeEditionsAsync(request, cancellationToken);
        float[]? vector = request.Mode == SearchMode.Bm25 ? null : request.QueryVector ?? embedder.Embed([request.Query], EmbeddingPurpose.Query, cancellationToken)[0];
        // Ask for more than asked, so that dropping duplicates still leaves topK.
        var query = new IndexQuery(request.Query, vector, request.Mode, topK * 2, filter, Math.Max(_options.CandidateLimit, topK * 2), _options.RrfK);
        var hits = await index.SearchAsync(query, cancellationToken);
        var results = NearDuplicates.Remove(hits, h => h.Chunk.Text, _options.DuplicateSimilarity)
            .Take(topK)
            .Select((hit, i) => ToResult(hit, i + 1))
            .ToList();
        RetrievalTelemetry.Retrieved(span, results.Count);
        LogSearched(request.Mode, results.Count, stopwatch.ElapsedMilliseconds);
        return results;
    }

    /// <summary>
    /// Current editions only, unless superseded ones are asked for or a date chooses the editions; guidance only when
    /// the request (or its filter) asks for it.
    /// </summary>
    private async Task<IndexFilter> ScopeEditionsAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var filter = await ScopeEditionsCoreAsync(request, cancellationToken);
        return filter with { GuidanceOnly = request.GuidanceOnly || request.Filter.GuidanceOnly };
    }

    private async Task<IndexFilter> ScopeEditionsCoreAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        if (request.AsOf is not DateOnly asOf)
        {
            return request.Filter with { CurrentOnly = !request.IncludeSuperseded };
        }
        var documents = await registry.ListAsync(cancellationToken);
        var editions = documents
            .Where(d => d.Status == DocumentStatus.Indexed && (EditionOrder.PublishedOn(d.Metadata) is not DateOnly published || published <= asOf))
            .GroupBy(d => d.Metadata.GuidelineKey, StringComparer.Ordinal)
            .Select(g => EditionOrder.Newest(g)!.DocumentId)
            .Where(id => request.Filter.DocumentIds.Count == 0 || request.Filter.DocumentIds.Contains(id, StringComparer.Ordinal))
            .ToList();
        // No edition existed yet: an id that matches nothing keeps the result empty rather than unfiltered.
        return request.Filter with { CurrentOnly = false, DocumentIds = editions.Count > 0 ? editions : ["(none)"] };
    }

    private static SearchResult ToResult(IndexHit hit, int rank) => new()
    {
        Rank = rank,
        Score = Math.Round(hit.Score, 6),
        DocumentId = hit.Source.DocumentId,
        File = hit.Source.File,
        Title = hit.Source.Title,
        Publisher = hit.Source.Publisher,
        Edition = hit.Source.Edition,
        Page = hit.Chunk.PageStart,
        PageEnd = hit.Chunk.PageEnd,
        PageLabel = hit.Chunk.PageLabel,
        Section = hit.Chunk.Section,
        Text = hit.Chunk.Text,
        Current = hit.Source.Current,
        TextVector = hit.TextVector,
    };

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Search ({Mode}) returned {Count} results in {ElapsedMs} ms")]
    private partial void LogSearched(SearchMode mode, int count, long elapsedMs);
}
