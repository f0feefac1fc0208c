using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Xunit.Abstractions;

namespace Meditron.Retrieval.Tests.Contract;

/// <summary>
/// What every <see cref="IChunkIndex"/> adapter promises, run against each adapter by a subclass
/// (the embedded store, Qdrant). Every test uses its own run id in document ids and guideline keys,
/// and asserts only on its own documents, so the suite can share a server with other runs.
/// </summary>
/// <remarks>
/// <para>Vectors have <see cref="Dimension"/> dimensions: hand-made unit vectors, so rankings are known in advance.</para>
/// <para>
/// Skipping: a subclass whose backend is absent (Qdrant without <c>QDRANT_URL</c>) returns false from
/// <see cref="IsAvailable"/>; each test is then reported skipped (Xunit.SkippableFact), never passed.
/// </para>
/// <para>
/// Hooks: <see cref="RegisterAsync"/> runs before a document's chunks are first stored (the embedded store
/// keeps chunks only for registered documents; Qdrant needs nothing); <see cref="MarkCurrentAsync"/> publishes
/// a document as the current edition of its guideline after its chunks are stored (the embedded registry's
/// "indexed" step, which makes the newest indexed edition current; Qdrant's SetCurrentEditionAsync). Tests only
/// ever publish an edition that is the newest indexed one of its guideline.
/// </para>
/// </remarks>
public abstract class ChunkIndexContract : IAsyncLifetime
{
    protected const int Dimension = 384;

    private static readonly CancellationToken Ct = CancellationToken.None;

    protected ChunkIndexContract(ITestOutputHelper output)
    {
        Output = output;
        Run = "t" + Guid.NewGuid().ToString("N")[..10];
    }

    protected ITestOutputHelper Output { get; }

    /// <summary>Prefix of every document id and guideline key this test instance writes.</summary>
    protected string Run { get; }

    /// <summary>False when the backend is not reachable in this environment: every test is then skipped.</summary>
    protected virtual bool IsAvailable => true;

    protected virtual string UnavailableReason => "the backend is not available";

    /// <summary>A fresh, empty index (or one shared with other runs: tests only look at their own documents).</summary>
    protected abstract Task<IChunkIndex> CreateIndexAsync();

    /// <summary>Makes the document known to the backend before its chunks are stored (embedded: the registry).</summary>
    protected abstract Task RegisterAsync(ChunkSource source);

    /// <summary>Publishes the document as the current edition of the guideline, after its chunks are stored.</summary>
    protected abstract Task MarkCurrentAsync(string guidelineKey, string documentId);

    /// <summary>
    /// Forgets a document whose chunks left the index, as a document delete does next (embedded: the registry's delete,
    /// which makes the previous edition current; Qdrant keeps no registry: nothing).
    /// </summary>
    protected abstract Task ForgetAsync(string documentId);

    /// <summary>Another instance over the same index, configured with <paramref name="model"/> (as a process with other Embedding settings).</summary>
    protected abstract Task<IChunkIndex> CreateIndexForAsync(EmbeddingModel model);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    // ---- ranking ----

    [SkippableFact]
    public async Task Dense_query_close_to_a_chunk_ranks_it_first()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var docs = await AddRankingDocumentsAsync(index);

        var hits = await index.SearchAsync(Query(SearchMode.Dense, Unit((0, 1f), (1, 0.2f)), "", docs), Ct);

        AssertRanked(hits);
        Assert.Equal((docs[0], 0), Key(hits[0]));
        Assert.Equal((docs[1], 0), Key(hits[1]));
    }

    [SkippableFact]
    public async Task Bm25_query_with_a_rare_word_ranks_the_chunk_containing_it_first()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var docs = await AddRankingDocumentsAsync(index);

        var hits = await index.SearchAsync(Query(SearchMode.Bm25, null, "artesunate", docs), Ct);

        AssertRanked(hits);
        Assert.NotEmpty(hits);
        Assert.Equal((docs[1], 0), Key(hits[0]));
    }

    [SkippableFact]
    public async Task Hybrid_query_ranks_the_chunk_best_on_both_sides_first()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var docs = await AddRankingDocumentsAsync(index);

        var hits = await index.SearchAsync(Query(SearchMode.Hybrid, Unit((1, 1f), (0, 0.5f)), "severe malaria", docs), Ct);

        AssertRanked(hits);
        Assert.Equal((docs[1], 0), Key(hits[0]));
    }

    [SkippableFact]
    public async Task Hits_carry_the_chunk_and_its_source()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var docs = await AddRankingDocumentsAsync(index);

        var hit = (await index.SearchAsync(Query(SearchMode.Bm25, null, "artesunate", docs), Ct))[0];

        var expected = RankingChunks(docs[1], 1)[0].Chunk;
        Assert.Equal(expected, hit.Chunk);
        Assert.Equal(RankingSource(docs[1], 1) with { Current = true }, hit.Source);
    }

    [SkippableFact]
    public async Task Search_returns_at_most_the_limit()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var docs = await AddRankingDocumentsAsync(index);

        foreach (var mode in new[] { SearchMode.Dense, SearchMode.Hybrid })
        {
            var query = Query(mode, Unit((0, 1f)), "children", docs) with { Limit = 2 };
            Assert.Equal(2, (await index.SearchAsync(query, Ct)).Count);
        }
    }

    [SkippableFact]
    public async Task Word_counts_say_which_words_no_chunk_holds()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        await AddRankingDocumentsAsync(index);
        var never = "zq" + Run; // no chunk of any run holds it

        var counts = await index.CountChunksWithWordsAsync(["artesunate", "Children", never, "the"], Ct);

        Assert.True(counts["artesunate"] >= 1);
        Assert.True(counts["Children"] >= 3, "counted whatever its case");
        Assert.Equal(0, counts[never]);
        Assert.False(counts.ContainsKey("the"), "a stop word says nothing about the subject");
    }


    // ---- initialisation ----

    [SkippableFact]
    public async Task Initialize_is_idempotent_and_an_initialized_index_reads_empty()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();

        await index.InitializeAsync(Ct);
        await index.InitializeAsync(Ct);

        var never = $"{Run}-never";
        Assert.Empty(await index.GetChunksAsync(never, Ct));
        Assert.Empty(await index.SearchAsync(new IndexQuery("malaria", Uniform(), SearchMode.Hybrid, 5, new IndexFilter { DocumentIds = [never] }), Ct));
        Assert.Equal(0, (await index.CountChunksWithWordsAsync(["zq" + Run], Ct))["zq" + Run]);
    }

    // ---- cluster-sized writes and reads ----

    /// <summary>
    /// More chunks than one upsert batch and one scroll page of the subclass's configuration (Qdrant: 8 points,
    /// 16 KiB per batch, 8 points per page), so splitting, paging and the leftover delete are all exercised.
    /// </summary>
    [SkippableFact]
    public async Task Documents_larger_than_a_batch_and_a_page_are_written_read_and_shrunk_whole()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var source = Source($"{Run}-big", $"{Run}-big", "1");
        await RegisterAsync(source);
        var chunks = Chunks(source, 40, "Cholera treatment centre: oral rehydration and intravenous fluids.");

        await index.ReplaceDocumentAsync(source, chunks, Ct);
        Assert.Equal(chunks.Select(c => c.Chunk), await index.GetChunksAsync(source.DocumentId, Ct));

        var shorter = Chunks(source, 23, "Cholera vaccination campaign.");
        await index.ReplaceDocumentAsync(source, shorter, Ct);
        Assert.Equal(shorter.Select(c => c.Chunk), await index.GetChunksAsync(source.DocumentId, Ct));

        var hits = await index.SearchAsync(new IndexQuery("cholera", null, SearchMode.Bm25, 100, new IndexFilter { CurrentOnly = false, DocumentIds = [source.DocumentId] }), Ct);
        Assert.Equal(Enumerable.Range(0, 23), hits.Select(h => h.Chunk.ChunkNo).Order());
    }

    // ---- same meaning as the embedded index ----

    [SkippableFact]
    public async Task Bm25_weighs_a_rare_term_above_repeats_of_a_common_one()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var source = Source($"{Run}-idf", $"{Run}-idf", "1");
        await RegisterAsync(source);
        // "fever" is in nine chunks (five times in chunk 8), "zinc" in chunk 9 only: without IDF chunk 8 would win.
        var texts = Enumerable.Repeat("Fever management in children: paracetamol for fever.", 8)
            .Append("Fever fever fever: persistent fever with fever spikes.")
            .Append("Zinc supplementation for ten to fourteen days.")
            .ToList();
        await index.ReplaceDocumentAsync(source, texts.Select((text, i) => new EmbeddedChunk(
            new Chunk { DocumentId = source.DocumentId, ChunkNo = i, Text = text, PageStart = i + 1, PageEnd = i + 1, Section = "Care", Language = "en", TokenCount = 10 },
            Unit((10 + i, 1f)))).ToList(), Ct);

        var hits = await index.SearchAsync(new IndexQuery("fever zinc", null, SearchMode.Bm25, 10, new IndexFilter { CurrentOnly = false, DocumentIds = [source.DocumentId] }), Ct);

        AssertRanked(hits);
        Assert.Equal(9, hits[0].Chunk.ChunkNo);
        Assert.Contains(hits, h => h.Chunk.ChunkNo == 8);
    }

    [SkippableFact]
    public async Task Several_chunks_of_one_page_give_one_hit_for_the_page_in_every_mode()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var source = Source($"{Run}-pages", $"{Run}-pages", "1");
        await RegisterAsync(source);
        // Page 5 holds chunks 0 to 2 (overlapping), pages 6 and 7 one chunk each; chunk 1 is the closest of page 5.
        int[] pages = [5, 5, 5, 6, 7];
        float[] closeness = [0.6f, 0.9f, 0.7f, 0.5f, 0.4f];
        var chunks = pages.Select((page, i) => new EmbeddedChunk(
            new Chunk { DocumentId = source.DocumentId, ChunkNo = i, Text = $"Cholera: oral rehydration salts, step {i}.", PageStart = page, PageEnd = page, Section = "Cholera", Language = "en", TokenCount = 10 },
            Unit((300, closeness[i]), (301 + i, 1f - closeness[i])))).ToList();
        await index.ReplaceDocumentAsync(source, chunks, Ct);
        var filter = new IndexFilter { CurrentOnly = false, DocumentIds = [source.DocumentId] };

        foreach (var mode in new[] { SearchMode.Dense, SearchMode.Bm25, SearchMode.Hybrid })
        {
            var hits = await index.SearchAsync(new IndexQuery("cholera rehydration", Unit((300, 1f)), mode, 10, filter), Ct);

            Assert.Equal([5, 6, 7], hits.Select(h => h.Chunk.PageStart).Order());
            if (mode == SearchMode.Dense)
            {
                Assert.Equal(1, hits[0].Chunk.ChunkNo);
            }
        }
    }

    [SkippableFact]
    public async Task Filter_values_match_whatever_their_case()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        string id = $"{Run}-msf", key = $"{Run}-Cholera";
        await AddAsync(index, Source(id, key, "2017", publisher: "MSF", language: "fr", year: 2017), 2, "Choléra : réhydratation orale.", current: true);

        async Task<HashSet<string>> Find(IndexFilter filter) =>
            Mine(await index.SearchAsync(new IndexQuery("choléra", Uniform(), SearchMode.Hybrid, 10, filter), Ct));

        Assert.Equal([id], await Find(new IndexFilter { Publishers = ["msf"] }));
        Assert.Equal([id], await Find(new IndexFilter { Languages = ["FR"] }));
        Assert.Equal([id], await Find(new IndexFilter { GuidelineKeys = [key.ToUpperInvariant()] }));
        Assert.Equal([id], await Find(new IndexFilter { DocumentIds = [id.ToUpperInvariant()] }));
        var hit = (await index.SearchAsync(new IndexQuery("choléra", null, SearchMode.Bm25, 1, new IndexFilter { Publishers = ["Msf"] }), Ct))[0];
        Assert.Equal("MSF", hit.Source.Publisher);
        Assert.Equal(key, hit.Source.GuidelineKey);
    }

    [SkippableFact]
    public async Task The_language_filter_reads_the_document_language_not_the_chunk_language()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var source = Source($"{Run}-fr", $"{Run}-fr", "1", language: "fr");
        await RegisterAsync(source);
        // A French guideline quoting an English passage: the chunk is English, the document French.
        var chunk = new Chunk { DocumentId = source.DocumentId, ChunkNo = 0, Text = "Oral rehydration salts for cholera.", PageStart = 1, PageEnd = 1, Section = "Annexe", Language = "en", TokenCount = 8 };
        await index.ReplaceDocumentAsync(source, [new EmbeddedChunk(chunk, Unit((7, 1f)))], Ct);
        await MarkCurrentAsync(source.GuidelineKey, source.DocumentId);

        foreach (var mode in new[] { SearchMode.Dense, SearchMode.Bm25, SearchMode.Hybrid })
        {
            var french = await index.SearchAsync(new IndexQuery("cholera", Unit((7, 1f)), mode, 10, new IndexFilter { Languages = ["fr"], GuidelineKeys = [source.GuidelineKey] }), Ct);
            var english = await index.SearchAsync(new IndexQuery("cholera", Unit((7, 1f)), mode, 10, new IndexFilter { Languages = ["en"], GuidelineKeys = [source.GuidelineKey] }), Ct);

            Assert.Equal([source.DocumentId], Mine(french));
            Assert.Empty(Mine(english));
            Assert.Equal("fr", french[0].Source.Language);
            Assert.Equal("en", french[0].Chunk.Language);
        }
    }

    [SkippableFact]
    public async Task A_chunks_text_vector_comes_back_with_its_hit_in_every_mode_and_a_chunk_without_one_has_none()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var source = Source($"{Run}-tv", $"{Run}-tv", "1");
        await RegisterAsync(source);
        var kept = new Chunk { DocumentId = source.DocumentId, ChunkNo = 0, Text = "Zinc for diarrhoea.", PageStart = 1, PageEnd = 1, Section = "Diarrhoea", Language = "en", TokenCount = 6 };
        var without = kept with { ChunkNo = 1, Text = "Zinc tablets dissolve in water.", PageStart = 2, PageEnd = 2 };
        float[] textVector = Unit((9, 0.6f), (10, 0.8f));
        await index.ReplaceDocumentAsync(source, [new EmbeddedChunk(kept, Unit((9, 1f)), textVector), new EmbeddedChunk(without, Unit((9, 0.9f), (11, 0.1f)))], Ct);
        await MarkCurrentAsync(source.GuidelineKey, source.DocumentId);

        foreach (var mode in new[] { SearchMode.Dense, SearchMode.Bm25, SearchMode.Hybrid })
        {
            var hits = await index.SearchAsync(new IndexQuery("zinc", Unit((9, 1f)), mode, 10, new IndexFilter { GuidelineKeys = [source.GuidelineKey] }), Ct);

            Assert.Equal(2, hits.Count);
            var hit = hits.Single(h => h.Chunk.ChunkNo == 0);
            Assert.NotNull(hit.TextVector);
            Assert.Equal(textVector, hit.TextVector!, (a, b) => Math.Abs(a - b) < 1e-6f);
            Assert.Null(hits.Single(h => h.Chunk.ChunkNo == 1).TextVector);
        }
    }

    [SkippableFact]
    public async Task Hybrid_scores_are_the_reciprocal_rank_fusion_of_the_page_rankings()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var docs = await AddRankingDocumentsAsync(index);
        const int K = 10;

        // Document 1's chunk 0 is first on both sides; "artesunate" is in no other chunk, so every other hit is dense only.
        var hits = await index.SearchAsync(new IndexQuery("artesunate", Unit((1, 1f)), SearchMode.Hybrid, 10, new IndexFilter { DocumentIds = docs }, RrfK: K), Ct);

        Assert.Equal((docs[1], 0), Key(hits[0]));
        Assert.Equal(2.0 / (K + 1), hits[0].Score, 12);
        Assert.Equal(1.0 / (K + 2), hits[1].Score, 12);
        Assert.Equal(Enumerable.Range(2, hits.Count - 1).Select(rank => 1.0 / (K + rank)), hits.Skip(1).Select(h => h.Score), new ToleranceComparer(1e-12));
    }

    [SkippableFact]
    public async Task Repeated_queries_with_tied_scores_return_the_same_order()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var source = Source($"{Run}-ties", $"{Run}-ties", "1");
        await RegisterAsync(source);
        // Every chunk is as close to the uniform query vector and holds the query words as often: ties on both sides.
        await index.ReplaceDocumentAsync(source, Chunks(source, 12, "Tuberculosis: isoniazid preventive therapy."), Ct);
        var filter = new IndexFilter { CurrentOnly = false, DocumentIds = [source.DocumentId] };

        foreach (var mode in new[] { SearchMode.Dense, SearchMode.Bm25, SearchMode.Hybrid })
        {
            var query = new IndexQuery("tuberculosis isoniazid", Uniform(), mode, 50, filter);
            var first = (await index.SearchAsync(query, Ct)).Select(Key).ToList();
            Assert.Equal(12, first.Count);
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(first, (await index.SearchAsync(query, Ct)).Select(Key));
            }
        }
    }

    // ---- filters ----

    [SkippableFact]
    public async Task Each_filter_keeps_only_the_matching_documents()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        string d1 = $"{Run}-who", d2 = $"{Run}-msf", d3 = $"{Run}-icrc";
        await AddAsync(index, Source(d1, $"{Run}-g1", "2010", publisher: "WHO", language: "en", year: 2010), 2, "Treat malaria with artemisinin combination therapy.", current: true);
        await AddAsync(index, Source(d2, $"{Run}-g2", "2016", publisher: "MSF", language: "fr", year: 2016), 2, "Traiter le paludisme (malaria) par une combinaison à base d'artémisinine.", current: true);
        await AddAsync(index, Source(d3, $"{Run}-g3", "2022", publisher: "ICRC", language: "en", year: 2022), 2, "War surgery: malaria prophylaxis for the wounded.", current: true);

        async Task<HashSet<string>> Find(IndexFilter filter)
        {
            var hits = await index.SearchAsync(new IndexQuery("malaria", Uniform(), SearchMode.Hybrid, 50, filter), Ct);
            return Mine(hits);
        }

        Assert.Equal([d1, d2, d3], await Find(new IndexFilter()));
        Assert.Equal([d2], await Find(new IndexFilter { Publishers = ["MSF"] }));
        Assert.Equal([d1, d3], await Find(new IndexFilter { Publishers = ["WHO", "ICRC"] }));
        Assert.Equal([d2], await Find(new IndexFilter { Languages = ["fr"] }));
        Assert.Equal([d1, d3], await Find(new IndexFilter { Languages = ["en"] }));
        Assert.Equal([d3], await Find(new IndexFilter { GuidelineKeys = [$"{Run}-g3"] }));
        Assert.Equal([d2], await Find(new IndexFilter { YearFrom = 2015, YearTo = 2020 }));
        Assert.Equal([d2, d3], await Find(new IndexFilter { YearFrom = 2016 }));
        Assert.Equal([d1, d2], await Find(new IndexFilter { YearTo = 2016 }));
        Assert.Equal([d1, d3], await Find(new IndexFilter { DocumentIds = [d1, d3] }));
        Assert.Empty(await Find(new IndexFilter { Publishers = ["MSF"], Languages = ["en"] }));
    }

    [SkippableFact]
    public async Task Filters_apply_in_every_mode()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var docs = await AddRankingDocumentsAsync(index);
        var filter = new IndexFilter { DocumentIds = [docs[2]] };

        foreach (var mode in new[] { SearchMode.Dense, SearchMode.Bm25, SearchMode.Hybrid })
        {
            // The query favours another document on both sides; only the filtered one may come back.
            var hits = await index.SearchAsync(new IndexQuery("artesunate children", Unit((1, 1f)), mode, 10, filter), Ct);
            Assert.All(hits, h => Assert.Equal(docs[2], h.Source.DocumentId));
        }
    }

    [SkippableFact]
    public async Task Guidance_only_leaves_out_contents_index_references_and_forms_in_every_mode()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var source = Source($"{Run}-book", $"{Run}-book", "1");
        await RegisterAsync(source);
        // The same words on five pages, each page of another kind; the contents entry is closest to the query.
        var chunks = Enum.GetValues<ChunkKind>().Select((kind, i) => new EmbeddedChunk(
            new Chunk
            {
                DocumentId = source.DocumentId,
                ChunkNo = i,
                Text = kind == ChunkKind.Guidance
                    ? "Snake bite: give antivenom when there are signs of envenoming."
                    : $"Snake bite antivenom envenoming {kind}.",
                PageStart = 20 + i,
                PageEnd = 20 + i,
                Section = kind.ToString(),
                Language = "en",
                TokenCount = 12,
                Kind = kind,
            },
            Unit((250, 1f), (251 + i, kind == ChunkKind.Guidance ? 0.5f : 0.1f)))).ToList();
        await index.ReplaceDocumentAsync(source, chunks, Ct);
        await MarkCurrentAsync(source.GuidelineKey, source.DocumentId);

        foreach (var mode in new[] { SearchMode.Dense, SearchMode.Bm25, SearchMode.Hybrid })
        {
            var all = await index.SearchAsync(new IndexQuery("snake bite antivenom envenoming", Unit((250, 1f)), mode, 10, new IndexFilter { DocumentIds = [source.DocumentId] }), Ct);
            var guidance = await index.SearchAsync(new IndexQuery("snake bite antivenom envenoming", Unit((250, 1f)), mode, 10, new IndexFilter { DocumentIds = [source.DocumentId], GuidanceOnly = true }), Ct);

            Assert.Equal(Enum.GetValues<ChunkKind>().ToHashSet(), all.Select(h => h.Chunk.Kind).ToHashSet());
            Assert.Equal(ChunkKind.Guidance, Assert.Single(guidance).Chunk.Kind);
        }
    }

    // ---- editions ----

    [SkippableFact]
    public async Task Only_the_current_edition_is_found_unless_asked_for_all()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        string key = $"{Run}-malaria";
        string old = $"{Run}-malaria-2023", next = $"{Run}-malaria-2025";
        const string Text = "Severe malaria: give artesunate by injection for at least 24 hours.";

        await AddAsync(index, Source(old, key, "2023", year: 2023), 3, Text, current: true);
        Assert.Equal([old], await FindAsync(index, key, currentOnly: true));

        // The new edition is indexed but not yet published: searches still see only the old one.
        await AddAsync(index, Source(next, key, "2025", year: 2025), 3, Text, current: false);
        Assert.Equal([old], await FindAsync(index, key, currentOnly: true));

        await MarkCurrentAsync(key, next);
        Assert.Equal([old, next], await FindAsync(index, key, currentOnly: false));
        Assert.Equal([next], await FindAsync(index, key, currentOnly: true));
        Assert.Equal([old, next], await FindAsync(index, key, currentOnly: false));

        var hit = (await index.SearchAsync(new IndexQuery("artesunate", null, SearchMode.Bm25, 10, new IndexFilter { GuidelineKeys = [key] }), Ct))[0];
        Assert.True(hit.Source.Current);
        Assert.Equal("2025", hit.Source.Edition);
    }

    [SkippableFact]
    public async Task Publishing_an_edition_leaves_other_guidelines_alone()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        string malaria = $"{Run}-malaria", cholera = $"{Run}-cholera";
        await AddAsync(index, Source($"{Run}-cholera-2017", cholera, "2017", year: 2017), 2, "Cholera: oral rehydration and zinc.", current: true);
        await AddAsync(index, Source($"{Run}-malaria-2023", malaria, "2023", year: 2023), 2, "Malaria: artesunate.", current: true);
        await AddAsync(index, Source($"{Run}-malaria-2025", malaria, "2025", year: 2025), 2, "Malaria: artesunate.", current: true);

        Assert.Equal([$"{Run}-cholera-2017"], await FindAsync(index, cholera, currentOnly: true));
        Assert.Equal([$"{Run}-malaria-2025"], await FindAsync(index, malaria, currentOnly: true));
    }


    [SkippableFact]
    public async Task Flips_in_quick_succession_leave_exactly_the_last_edition_current()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        string key = $"{Run}-measles";
        var editions = new[] { 2023, 2024, 2025 }.Select(year => Source($"{Run}-measles-{year}", key, $"{year}", year: year)).ToList();
        foreach (var edition in editions)
        {
            // More chunks than one upsert batch, so each flip rewrites the flag on several batches' worth of points.
            await AddAsync(index, edition, 20, "Measles: artesunate is not a treatment; give vitamin A.", current: false);
        }

        // Published one right after the other, as two workers finishing close together would.
        foreach (var edition in editions)
        {
            await MarkCurrentAsync(key, edition.DocumentId);
        }
        string last = editions[^1].DocumentId;
        Assert.Equal([last], await FindAsync(index, key, currentOnly: true));

        // The index told twice in a row (a flip to an older edition, then back), and the same flip repeated: idempotent.
        await index.SetCurrentEditionAsync(key, editions[1].DocumentId, Ct);
        await index.SetCurrentEditionAsync(key, last, Ct);
        await index.SetCurrentEditionAsync(key, last, Ct);
        await MarkCurrentAsync(key, last);

        Assert.Equal([last], await FindAsync(index, key, currentOnly: true));
        var all = await index.SearchAsync(new IndexQuery("measles vitamin", null, SearchMode.Bm25, 100, new IndexFilter { GuidelineKeys = [key], CurrentOnly = false }), Ct);
        Assert.Equal(60, all.Count);
        Assert.All(all, h => Assert.Equal(h.Source.DocumentId == last, h.Source.Current));
    }

    // ---- deletion ----

    [SkippableFact]
    public async Task Deleting_a_document_removes_all_its_chunks()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        string gone = $"{Run}-gone", kept = $"{Run}-kept";
        await AddAsync(index, Source(gone, $"{Run}-g1", "1"), 4, "Measles vaccination in camps.", current: true);
        await AddAsync(index, Source(kept, $"{Run}-g2", "1"), 3, "Measles vitamin A supplementation.", current: true);

        await index.DeleteDocumentAsync(gone, Ct);

        Assert.Empty(await index.GetChunksAsync(gone, Ct));
        Assert.Equal(3, (await index.GetChunksAsync(kept, Ct)).Count);
        foreach (var mode in new[] { SearchMode.Dense, SearchMode.Bm25, SearchMode.Hybrid })
        {
            var hits = await index.SearchAsync(new IndexQuery("measles", Uniform(), mode, 50, new IndexFilter { CurrentOnly = false }), Ct);
            Assert.Equal([kept], Mine(hits));
        }
    }

    [SkippableFact]
    public async Task Deleting_the_current_edition_then_publishing_the_previous_one_makes_it_current_again()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        string key = $"{Run}-malaria", older = $"{Run}-malaria-2023", newer = $"{Run}-malaria-2025";
        await AddAsync(index, Source(older, key, "2023", year: 2023), 2, "Malaria: artesunate.", current: true);
        await AddAsync(index, Source(newer, key, "2025", year: 2025), 2, "Malaria: artesunate.", current: true);
        Assert.Equal([newer], await FindAsync(index, key, currentOnly: true));

        // The document service's order: chunks out of the index, registry row, then the index learns the current edition.
        await index.DeleteDocumentAsync(newer, Ct);
        await ForgetAsync(newer);
        await index.SetCurrentEditionAsync(key, older, Ct);

        Assert.Equal([older], await FindAsync(index, key, currentOnly: true));
        Assert.Equal([older], await FindAsync(index, key, currentOnly: false));
    }

    [SkippableFact]
    public async Task Deleting_an_unknown_document_is_harmless()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();

        await index.DeleteDocumentAsync($"{Run}-never", Ct);

        Assert.Empty(await index.GetChunksAsync($"{Run}-never", Ct));
    }

    // ---- replace ----

    [SkippableFact]
    public async Task Get_chunks_returns_every_field_in_chunk_order()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var source = Source($"{Run}-d", $"{Run}-g", "1");
        var chunks = Chunks(source, 7, "Hand hygiene before patient contact.");
        await RegisterAsync(source);

        await index.ReplaceDocumentAsync(source, chunks.OrderBy(c => (c.Chunk.ChunkNo * 3) % 7).ToList(), Ct);

        Assert.Equal(chunks.Select(c => c.Chunk), await index.GetChunksAsync(source.DocumentId, Ct));
    }

    [SkippableFact]
    public async Task Replacing_twice_changes_nothing()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var source = Source($"{Run}-d", $"{Run}-g", "1");
        var chunks = Chunks(source, 5, "Tuberculosis: isoniazid preventive therapy.");
        await RegisterAsync(source);
        var query = new IndexQuery("tuberculosis isoniazid", Unit((10, 1f), (11, 0.5f), (12, 0.25f)), SearchMode.Hybrid, 20, new IndexFilter { CurrentOnly = false, DocumentIds = [source.DocumentId] });

        await index.ReplaceDocumentAsync(source, chunks, Ct);
        var first = await index.SearchAsync(query, Ct);
        await index.ReplaceDocumentAsync(source, chunks, Ct);
        var second = await index.SearchAsync(query, Ct);

        Assert.Equal(chunks.Select(c => c.Chunk), await index.GetChunksAsync(source.DocumentId, Ct));
        Assert.Equal(5, second.Count);
        // Near-identical chunks tie on the BM25 side, so the order of the tail may differ; the set may not.
        Assert.Equal(first.Select(Key).ToHashSet(), second.Select(Key).ToHashSet());
        Assert.Equal(first[0].Chunk, second[0].Chunk);
    }

    [SkippableFact]
    public async Task Replacing_with_fewer_chunks_shrinks_the_document()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var source = Source($"{Run}-d", $"{Run}-g", "1");
        await RegisterAsync(source);
        await index.ReplaceDocumentAsync(source, Chunks(source, 6, "First version: typhoid fever."), Ct);

        var shorter = Chunks(source, 2, "Second version: typhoid conjugate vaccine.");
        await index.ReplaceDocumentAsync(source, shorter, Ct);

        Assert.Equal(shorter.Select(c => c.Chunk), await index.GetChunksAsync(source.DocumentId, Ct));
        var hits = await index.SearchAsync(new IndexQuery("typhoid", Uniform(), SearchMode.Hybrid, 20, new IndexFilter { CurrentOnly = false, DocumentIds = [source.DocumentId] }), Ct);
        Assert.Equal([0, 1], hits.Select(h => h.Chunk.ChunkNo).Order());
        Assert.All(hits, h => Assert.StartsWith("Second version", h.Chunk.Text, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Replacing_with_no_chunks_empties_the_document()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var source = Source($"{Run}-d", $"{Run}-g", "1");
        await RegisterAsync(source);
        await index.ReplaceDocumentAsync(source, Chunks(source, 3, "Leprosy multidrug therapy."), Ct);

        await index.ReplaceDocumentAsync(source, [], Ct);

        Assert.Empty(await index.GetChunksAsync(source.DocumentId, Ct));
    }

    [SkippableFact]
    public async Task Several_writers_at_once_all_land()
    {
        SkipUnlessAvailable();
        var index = await CreateIndexAsync();
        var sources = Enumerable.Range(0, 4).Select(i => Source($"{Run}-w{i}", $"{Run}-g{i}", "1")).ToList();
        foreach (var source in sources)
        {
            await RegisterAsync(source);
        }

        await Task.WhenAll(sources.Select((s, i) => Task.Run(() => index.ReplaceDocumentAsync(s, Chunks(s, 10 + i, $"Writer {i}: nutrition screening with MUAC."), Ct))));

        for (int i = 0; i < sources.Count; i++)
        {
            Assert.Equal(10 + i, (await index.GetChunksAsync(sources[i].DocumentId, Ct)).Count);
        }
        var hits = await index.SearchAsync(new IndexQuery("nutrition screening", Uniform(), SearchMode.Hybrid, 100, new IndexFilter { CurrentOnly = false }), Ct);
        Assert.Equal(sources.Select(s => s.DocumentId).ToHashSet(), Mine(hits));
    }

    // ---- embedding model ----

    [SkippableFact]
    public async Task An_index_written_with_one_embedding_model_refuses_another()
    {
        SkipUnlessAvailable();
        var minilm = await CreateIndexForAsync(new EmbeddingModel("all-MiniLM-L6-v2", Dimension));
        var e5 = await CreateIndexForAsync(new EmbeddingModel("multilingual-e5-small/model.onnx", Dimension));
        var first = Source($"{Run}-d1", $"{Run}-g1", "1");
        var second = Source($"{Run}-d2", $"{Run}-g2", "1");
        await RegisterAsync(first);
        await RegisterAsync(second);
        await minilm.ReplaceDocumentAsync(first, Chunks(first, 2, "Measles vaccination at nine months."), Ct);
        var query = new IndexQuery("measles vaccination", Uniform(), SearchMode.Hybrid, 5, new IndexFilter { CurrentOnly = false, DocumentIds = [first.DocumentId] });

        var refused = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(
            () => e5.ReplaceDocumentAsync(second, Chunks(second, 2, "Rubella vaccination."), Ct));
        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => e5.SearchAsync(query, Ct));

        Assert.Equal("all-MiniLM-L6-v2", refused.Indexed!.Id);
        Assert.Equal("multilingual-e5-small/model.onnx", refused.Configured!.Id);
        Assert.Empty(await minilm.GetChunksAsync(second.DocumentId, Ct));
        Assert.NotEmpty(await minilm.SearchAsync(query, Ct));
    }

    // ---- helpers ----

    /// <summary>Reports the test as skipped (not passed) when the backend is absent.</summary>
    protected void SkipUnlessAvailable() => Skip.IfNot(IsAvailable, UnavailableReason);

    protected static ChunkSource Source(string documentId, string guidelineKey, string edition, string publisher = "WHO", string language = "en", int? year = 2020) => new()
    {
        DocumentId = documentId,
        File = documentId + ".pdf",
        Title = "Guideline " + guidelineKey,
        Publisher = publisher,
        GuidelineKey = guidelineKey,
        Edition = edition,
        Language = language,
        Year = year,
        Current = false,
    };

    /// <summary>Chunks of one text, numbered from 0, each with its own unit vector (far from the ranking tests' axes 0 to 2).</summary>
    protected static List<EmbeddedChunk> Chunks(ChunkSource source, int count, string text) =>
        Enumerable.Range(0, count).Select(i => new EmbeddedChunk(
            new Chunk
            {
                DocumentId = source.DocumentId,
                ChunkNo = i,
                Text = $"{text} Part {i}.",
                PageStart = i + 1,
                PageEnd = i + 2,
                PageLabel = i % 2 == 0 ? $"{i + 10}" : null,
                PageLabelEnd = i % 3 == 0 ? $"{i + 11}" : null,
                Section = $"Chapter {i / 3 + 1} > Part {i}",
                Language = source.Language,
                Ocr = i % 4 == 3,
                TokenCount = 50 + i,
                Kind = (ChunkKind)(i % 5),
            },
            Unit((10 + (i % 300), 1f), (3, 0.1f)))).ToList();

    /// <summary>A unit vector with the given weights on the given axes.</summary>
    protected static float[] Unit(params (int Axis, float Weight)[] weights)
    {
        var vector = new float[Dimension];
        foreach (var (axis, weight) in weights)
        {
            vector[axis] += weight;
        }
        float norm = MathF.Sqrt(vector.Sum(v => v * v));
        for (int i = 0; i < vector.Length; i++)
        {
            vector[i] /= norm;
        }
        return vector;
    }

    private static float[] Uniform() => Enumerable.Repeat(1f / MathF.Sqrt(Dimension), Dimension).ToArray();

    private async Task AddAsync(IChunkIndex index, ChunkSource source, int count, string text, bool current)
    {
        await RegisterAsync(source);
        await index.ReplaceDocumentAsync(source, Chunks(source, count, text), Ct);
        if (current)
        {
            await MarkCurrentAsync(source.GuidelineKey, source.DocumentId);
        }
    }

    /// <summary>The documents of the guideline that a BM25 search for "artesunate malaria" finds.</summary>
    private async Task<HashSet<string>> FindAsync(IChunkIndex index, string guidelineKey, bool currentOnly)
    {
        var filter = new IndexFilter { GuidelineKeys = [guidelineKey], CurrentOnly = currentOnly };
        var hits = await index.SearchAsync(new IndexQuery("artesunate malaria", Uniform(), SearchMode.Hybrid, 50, filter), Ct);
        return Mine(hits);
    }

    private HashSet<string> Mine(IEnumerable<IndexHit> hits) =>
        hits.Select(h => h.Source.DocumentId).Where(id => id.StartsWith(Run, StringComparison.Ordinal)).ToHashSet();

    private static (string DocumentId, int ChunkNo) Key(IndexHit hit) => (hit.Source.DocumentId, hit.Chunk.ChunkNo);

    private static void AssertRanked(IReadOnlyList<IndexHit> hits)
    {
        for (int i = 1; i < hits.Count; i++)
        {
            Assert.True(hits[i - 1].Score >= hits[i].Score, $"hit {i - 1} scores {hits[i - 1].Score}, below hit {i} ({hits[i].Score})");
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }

    private static IndexQuery Query(SearchMode mode, float[]? vector, string text, IReadOnlyList<string> docs) =>
        new(text, vector, mode, 10, new IndexFilter { DocumentIds = docs });

    private ChunkSource RankingSource(string documentId, int i) =>
        Source(documentId, $"{Run}-rank{i}", "1", publisher: "WHO", language: "en", year: 2020 + i);

    /// <summary>
    /// Chunk 0 of document i lies on axis i and says something only it says; chunk 1 is filler on an axis of its own.
    /// A: diarrhoea (axis 0), B: severe malaria and artesunate (axis 1), C: measles (axis 2).
    /// </summary>
    private static List<EmbeddedChunk> RankingChunks(string documentId, int i)
    {
        string[] texts =
        [
            "Oral rehydration salts and zinc for children with acute watery diarrhoea and some dehydration.",
            "Artesunate injection is the treatment of choice for severe malaria in adults and children.",
            "Measles vaccination campaigns in displaced populations, with vitamin A supplementation for children.",
        ];
        Chunk Make(int chunkNo, string text, string section) => new()
        {
            DocumentId = documentId,
            ChunkNo = chunkNo,
            Text = text,
            PageStart = 10 + chunkNo,
            PageEnd = 10 + chunkNo,
            PageLabel = $"{chunkNo + 2}",
            Section = section,
            Language = "en",
            TokenCount = 20,
        };
        return
        [
            new EmbeddedChunk(Make(0, texts[i], $"{i + 1} Treatment"), Unit((i, 1f))),
            new EmbeddedChunk(Make(1, "Acknowledgements and list of contributors to this guideline.", "Front matter"), Unit((200 + i, 1f))),
        ];
    }

    private async Task<List<string>> AddRankingDocumentsAsync(IChunkIndex index)
    {
        var ids = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            string id = $"{Run}-rank{i}";
            var source = RankingSource(id, i);
            await RegisterAsync(source);
            await index.ReplaceDocumentAsync(source, RankingChunks(id, i), Ct);
            await MarkCurrentAsync(source.GuidelineKey, id);
            ids.Add(id);
        }
        return ids;
    }
}
