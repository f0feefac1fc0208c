using Meditron.Core.Documents;
using Meditron.Ingestion.Chunking;
using Meditron.Ingestion.Extraction;
using static Meditron.Ingestion.Tests.Chunking.Docs;

namespace Meditron.Ingestion.Tests.Chunking;

public sealed class SectionChunkerTests
{
    [Fact]
    public void Empty_document_gives_no_chunks()
    {
        var chunker = Chunker();
        Assert.Empty(chunker.Chunk("doc", Doc(), "en", Words));
        Assert.Empty(chunker.Chunk("doc", Doc(Page(1, "1"), Page(2, null, P("   ", ""), T("", "A | B"))), "en", Words));
    }

    [Fact]
    public void Small_blocks_of_a_section_are_packed_into_one_chunk_with_the_heading_first()
    {
        var doc = Doc(Page(1, "7",
            H("2 Malaria", "2 Malaria"),
            P("Malaria is transmitted by mosquitoes.", "2 Malaria"),
            P("Fever is the main symptom.", "2 Malaria")));

        var chunk = Assert.Single(Chunker().Chunk("doc", doc, "fr", Words));

        Assert.Equal("2 Malaria\nMalaria is transmitted by mosquitoes.\nFever is the main symptom.", chunk.Text);
        Assert.Equal("2 Malaria", chunk.Section);
        Assert.Equal("fr", chunk.Language);
        Assert.Equal((1, 1, "7", "7"), (chunk.PageStart, chunk.PageEnd, chunk.PageLabel, chunk.PageLabelEnd));
        Assert.Equal("Section: 2 Malaria\n" + chunk.Text, SectionChunker.EmbeddingText(chunk));
        Assert.Equal(Words(SectionChunker.EmbeddingText(chunk)), chunk.TokenCount);
    }

    [Fact]
    public void A_sentence_that_runs_on_over_a_page_break_reads_whole_and_a_new_paragraph_starts_its_line()
    {
        const string Section = "Introduction";
        var doc = Doc(
            Page(11, "5", H("Introduction", Section), P("WHO appointed a steering group and convened a development group, and a", Section)),
            Page(12, "6", P("meeting of the group was held in Geneva.", Section), P("Membership is shown in Appendix 1.", Section)));

        var chunk = Assert.Single(Chunker().Chunk("doc", doc, "en", Words));

        Assert.Equal("Introduction\nWHO appointed a steering group and convened a development group, and a meeting of the group was held in Geneva.\nMembership is shown in Appendix 1.", chunk.Text);
        Assert.Equal((11, 12), (chunk.PageStart, chunk.PageEnd));
    }

    [Fact]
    public void A_title_set_in_pieces_stays_stacked()
    {
        var doc = Doc(Page(1, null, P("WHO guidelines", ""), P("for malaria", ""), P("13 August 2025", "")));

        var chunk = Assert.Single(Chunker().Chunk("doc", doc, "en", Words));

        Assert.Equal("WHO guidelines\nfor malaria\n13 August 2025", chunk.Text);
    }

    [Fact]
    public void Chunk_without_section_is_embedded_as_its_text()
    {
        var chunk = Assert.Single(Chunker().Chunk("doc", Doc(Page(1, null, P("Foreword text.", ""))), "en", Words));
        Assert.Equal("", chunk.Section);
        Assert.Equal("Foreword text.", SectionChunker.EmbeddingText(chunk));
        Assert.Null(chunk.PageLabel);
    }

    [Fact]
    public void No_chunk_spans_two_sections()
    {
        const string a = "3 Diarrhoea > 3.1 Assessment";
        const string b = "3 Diarrhoea > 3.2 Treatment";
        var doc = Doc(
            Page(1, "10", H("3 Diarrhoea", "3 Diarrhoea"), H("3.1 Assessment", a), P(Sentences("alpha", 9), a)),
            Page(2, "11", P(Sentences("alpha", 3, first: 9), a), H("3.2 Treatment", b), P(Sentences("beta", 12), b)));

        var chunks = Chunker().Chunk("doc", doc, "en", Words);

        AssertWellFormed(chunks, 64, Words);
        Assert.Contains(chunks, c => c.Section == a);
        Assert.Contains(chunks, c => c.Section == b);
        Assert.DoesNotContain(chunks, c => c.Section == "3 Diarrhoea"); // a heading directly followed by a sub-heading
        foreach (var chunk in chunks)
        {
            var tag = chunk.Section == a ? "alpha" : "beta";
            var other = chunk.Section == a ? "beta" : "alpha";
            Assert.Contains(tag, chunk.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(other, chunk.Text, StringComparison.Ordinal);
        }

        Assert.StartsWith("3.1 Assessment\n", chunks.First(c => c.Section == a).Text, StringComparison.Ordinal);
        Assert.StartsWith("3.2 Treatment\n", chunks.First(c => c.Section == b).Text, StringComparison.Ordinal);
        Assert.Single(chunks, c => c.Text.Contains("3.2 Treatment", StringComparison.Ordinal));
        Assert.Equal("11", chunks.First(c => c.Section == b).PageLabel);
    }

    [Fact]
    public void Same_section_path_under_a_new_heading_starts_a_new_chunk()
    {
        var doc = Doc(Page(1, null,
            H("Dosage", "Drugs > Dosage"), P("First dosage text.", "Drugs > Dosage"),
            H("Dosage", "Drugs > Dosage"), P("Second dosage text.", "Drugs > Dosage")));

        var chunks = Chunker().Chunk("doc", doc, "en", Words);

        Assert.Equal(["Dosage\nFirst dosage text.", "Dosage\nSecond dosage text."], chunks.Select(c => c.Text));
    }

    [Fact]
    public void Page_span_and_labels_follow_the_content_across_a_page_break()
    {
        const string s = "4 Pneumonia";
        var doc = Doc(
            Page(1, "iv", P("Preface on page one.", "")),
            Page(2, "44", H("4 Pneumonia", s), P("Start of the pneumonia text.", s)),
            Page(3, "45", P("End of the pneumonia text.", s)),
            Page(4, null, P(Sentences("gamma", 20), "5 Other")));

        var chunks = Chunker().Chunk("doc", doc, "en", Words);
        AssertWellFormed(chunks, 64, Words);

        Assert.Equal((1, 1, "iv", "iv"), (chunks[0].PageStart, chunks[0].PageEnd, chunks[0].PageLabel, chunks[0].PageLabelEnd));
        var pneumonia = Assert.Single(chunks, c => c.Section == s);
        Assert.Equal((2, 3, "44", "45"), (pneumonia.PageStart, pneumonia.PageEnd, pneumonia.PageLabel, pneumonia.PageLabelEnd));
        Assert.Equal("4 Pneumonia\nStart of the pneumonia text.\nEnd of the pneumonia text.", pneumonia.Text);
        Assert.All(chunks.Where(c => c.Section == "5 Other"), c => Assert.Equal((4, 4, null, null), (c.PageStart, c.PageEnd, c.PageLabel, c.PageLabelEnd)));
    }

    [Fact]
    public void Ocr_flag_comes_from_the_pages_of_the_content()
    {
        var doc = Doc(
            new ExtractedPage(1, "1", false, [P("Text layer page.", "A")]),
            new ExtractedPage(2, "2", true, [P("Scanned page.", "B")]));

        var chunks = Chunker().Chunk("doc", doc, "en", Words);

        Assert.False(chunks[0].Ocr);
        Assert.True(chunks[1].Ocr);
    }

    [Fact]
    public void Long_paragraph_is_split_at_sentences_with_overlap()
    {
        const string s = "6 Cholera";
        var doc = Doc(Page(1, "1", H("6 Cholera", s), P(Sentences("S", 40), s)));

        var chunks = Chunker(maxTokens: 64, overlap: 10).Chunk("doc", doc, "en", Words);

        AssertWellFormed(chunks, 64, Words);
        Assert.True(chunks.Count > 3);
        for (var i = 1; i < chunks.Count; i++)
        {
            // Whole sentences: every chunk ends with a full stop and starts with a sentence start.
            Assert.EndsWith(".", chunks[i - 1].Text, StringComparison.Ordinal);
            Assert.StartsWith("S", chunks[i].Text, StringComparison.Ordinal);

            // The first sentence of a chunk is the last sentence of the previous one (8 words <= 10 overlap tokens).
            var firstSentence = chunks[i].Text[..(chunks[i].Text.IndexOf('.', StringComparison.Ordinal) + 1)];
            Assert.EndsWith(firstSentence, chunks[i - 1].Text, StringComparison.Ordinal);
        }

        // Every sentence is somewhere, in order.
        var all = string.Join(' ', chunks.Select(c => c.Text));
        for (var n = 0; n < 40; n++)
        {
            Assert.Contains($"S{n} w1", all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Overlap_of_a_sentence_longer_than_the_overlap_repeats_its_last_words()
    {
        var chunks = ChunksOfSentences(count: 6, words: 30);

        for (var i = 1; i < chunks.Count; i++)
        {
            var head = string.Join(' ', chunks[i].Text.Split(' ').Take(5));
            Assert.Contains(head, chunks[i - 1].Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Overlap_of_a_sentence_up_to_twice_the_overlap_repeats_it_whole()
    {
        var chunks = ChunksOfSentences(count: 8, words: 15);

        Assert.True(chunks.Count > 1);
        for (var i = 1; i < chunks.Count; i++)
        {
            // The chunk opens where a sentence opens, with the previous chunk's last sentence.
            Assert.StartsWith("L", chunks[i].Text, StringComparison.Ordinal);
            var opening = chunks[i].Text[..(chunks[i].Text.IndexOf('.', StringComparison.Ordinal) + 1)];
            Assert.EndsWith(opening, chunks[i - 1].Text, StringComparison.Ordinal);
        }
    }

    /// <summary>One paragraph of sentences "L{n} w1 …" chunked 64 tokens at a time with an overlap of 10, checked well formed.</summary>
    private static IReadOnlyList<Chunk> ChunksOfSentences(int count, int words)
    {
        var doc = Doc(Page(1, "1", P(Sentences("L", count, words: words), "X")));
        var chunks = Chunker(maxTokens: 64, overlap: 10).Chunk("doc", doc, "en", Words);
        AssertWellFormed(chunks, 64, Words);
        return chunks;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Table_rows_that_fit_their_header_only_by_the_packer_s_count_are_split_without_end(int rowCount)
    {
        // This tokenizer counts line breaks, which the packer's per-atom costs do not see: header and rows together come
        // out over the window, and a half made of the header alone would put the header back before the rest, for ever.
        static int WordsAndBreaks(string text) => Words(text) + text.Count(c => c == '\n');
        var header = string.Join(' ', Enumerable.Range(0, 11).Select(i => $"h{i}"));
        var rows = Enumerable.Range(0, rowCount)
            .Select(r => string.Join(' ', Enumerable.Range(0, 50 / rowCount).Select(i => $"r{r}w{i}")))
            .ToArray();

        var chunks = Chunker(maxTokens: 64, overlap: 10).Chunk("doc", Doc(Page(1, null, T("S", header, rows))), "en", WordsAndBreaks);

        AssertWellFormed(chunks, 64, WordsAndBreaks);
        foreach (var row in rows)
        {
            Assert.Contains(chunks, c => c.Text.Contains(row, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Very_long_sentence_is_split_at_words()
    {
        var sentence = string.Join(' ', Enumerable.Range(0, 500).Select(i => $"word{i}"));
        var chunks = Chunker(maxTokens: 64, overlap: 10).Chunk("doc", Doc(Page(1, null, P(sentence, "S"))), "en", Words);

        AssertWellFormed(chunks, 64, Words);
        var words = chunks.SelectMany(c => c.Text.Split(' ')).Distinct().ToList();
        Assert.Equal(500, words.Count);
    }

    [Fact]
    public void Paragraph_that_fits_a_chunk_is_not_cut_across_two()
    {
        const string s = "S";
        var doc = Doc(Page(1, null, P(Sentences("A", 5), s), P(Sentences("B", 4), s)));

        var chunks = Chunker(maxTokens: 64, overlap: 10).Chunk("doc", doc, "en", Words);

        // 40 + 32 words do not fit together; the second paragraph moves whole to the next chunk (after the overlap).
        Assert.Equal(2, chunks.Count);
        Assert.DoesNotContain("B0", chunks[0].Text, StringComparison.Ordinal);
        Assert.EndsWith(Sentences("B", 4), chunks[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_is_split_between_rows_and_every_part_starts_with_the_header()
    {
        const string s = "7 Dosing > Amoxicillin";
        const string header = "Weight (kg) | Age | Dose (mg) | Frequency";
        var rows = Enumerable.Range(0, 60).Select(i => $"{i + 3}-{i + 4} kg | {i} months | {125 + i} mg | twice daily").ToArray();
        var doc = Doc(Page(12, "88",
            H("Amoxicillin", s),
            P("Give amoxicillin by weight band.", s),
            T(s, header, rows),
            P("Review after three days.", s)));

        var chunks = Chunker(maxTokens: 64, overlap: 10).Chunk("doc", doc, "en", Words);

        AssertWellFormed(chunks, 64, Words);
        var seen = new List<string>();
        foreach (var chunk in chunks)
        {
            var lines = chunk.Text.Split('\n');
            var rowLines = lines.Where(l => rows.Contains(l)).ToList();
            if (rowLines.Count == 0)
            {
                continue;
            }

            var headerAt = Array.IndexOf(lines, header);
            Assert.True(headerAt >= 0, $"chunk {chunk.ChunkNo} has rows but no header");
            Assert.True(headerAt < Array.IndexOf(lines, rowLines[0]));
            Assert.All(lines.Take(headerAt), l => Assert.DoesNotContain(l, rows));
            seen.AddRange(rowLines);
        }

        Assert.Equal(rows, seen); // every row whole, once, in order
        Assert.Contains("Review after three days.", chunks[^1].Text, StringComparison.Ordinal);
        Assert.All(chunks, c => Assert.Equal((12, "88"), (c.PageStart, c.PageLabel)));
    }

    [Fact]
    public void Small_table_after_text_moves_whole_to_a_fresh_chunk()
    {
        const string s = "S";
        var rows = Enumerable.Range(0, 4).Select(i => $"row{i} | a b c d e f g").ToArray();
        var doc = Doc(Page(1, null, P(Sentences("A", 5, words: 9), s), T(s, "H1 | H2", rows)));

        var chunks = Chunker(maxTokens: 64, overlap: 10).Chunk("doc", doc, "en", Words);

        Assert.Equal(2, chunks.Count);
        Assert.Equal("H1 | H2\n" + string.Join('\n', rows), chunks[1].Text);
    }

    [Fact]
    public void Table_without_header_is_split_between_rows()
    {
        var rows = Enumerable.Range(0, 30).Select(i => $"r{i} | one two three four five").ToArray();
        var chunks = Chunker(maxTokens: 64, overlap: 10).Chunk("doc", Doc(Page(1, null, T("S", null, rows))), "en", Words);

        AssertWellFormed(chunks, 64, Words);
        Assert.Equal(rows, chunks.SelectMany(c => c.Text.Split('\n')));
    }

    [Fact]
    public void Long_section_path_still_leaves_room_and_respects_the_budget()
    {
        var levels = Enumerable.Range(1, 5).Select(l => $"{l} " + string.Join(' ', Enumerable.Repeat($"level{l}", 5)));
        var section = string.Join(" > ", levels);
        var doc = Doc(Page(1, null, H("5 level5", section), P(Sentences("S", 250, words: 8), section)));

        var chunks = Chunker(maxTokens: 128, overlap: 20).Chunk("doc", doc, "en", Words);

        AssertWellFormed(chunks, 128, Words);
        Assert.All(chunks, c => Assert.Equal(section, c.Section));
        Assert.True(chunks.Max(c => c.TokenCount) > 120);
    }

    [Fact]
    public void Absurdly_long_section_path_is_shortened_to_fit()
    {
        var section = "A > " + string.Join(' ', Enumerable.Repeat("heading", 400));
        var doc = Doc(Page(1, null, P(Sentences("S", 20), section)));

        var chunks = Chunker(maxTokens: 64, overlap: 10).Chunk("doc", doc, "en", Words);

        AssertWellFormed(chunks, 64, Words);
        Assert.All(chunks, c => Assert.True(Words(SectionChunker.ContextPrefix(c.Section)) <= 32));
        Assert.All(chunks, c => Assert.StartsWith("… > heading", c.Section, StringComparison.Ordinal));
    }

    [Fact]
    public void Sentence_boundaries_include_questions_exclamations_semicolons_and_lines()
    {
        var sentences = TextSplitter.Sentences("Is it severe? Refer now! Give ORS; give zinc.\nMonitor e.g. urine output. Dr. Smith agrees. Dose 2.5 mg. Next step.");
        Assert.Equal(
            ["Is it severe?", "Refer now!", "Give ORS;", "give zinc.", "Monitor e.g. urine output.", "Dr. Smith agrees.", "Dose 2.5 mg.", "Next step."],
            sentences.Select(x => x.Text));
        Assert.Equal([true, false, false, false, true, false, false, false], sentences.Select(x => x.NewLine));
    }

    [Fact]
    public void Chunk_numbers_run_through_the_whole_document()
    {
        var doc = Doc(
            Page(1, "1", H("A", "A"), P(Sentences("a", 20), "A")),
            Page(2, "2", H("B", "B"), P(Sentences("b", 20), "B"), T("B", "x | y", Enumerable.Range(0, 20).Select(i => $"{i} | {i}").ToArray())));

        var chunks = Chunker().Chunk("guide-1", doc, "es", Words);

        AssertWellFormed(chunks, 64, Words, "guide-1");
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.ChunkNo));
        Assert.All(chunks, c => Assert.Equal("es", c.Language));
    }

    [Fact]
    public void Tokenizer_that_is_not_additive_still_keeps_the_budget()
    {
        // Counts characters / 4 rounded up: joining texts changes the count, so the final check must catch overflows.
        static int Chars(string text) => (text.Length + 3) / 4;
        var doc = Doc(Page(1, null, H("Heading", "S"), P(Sentences("s", 60), "S"),
            T("S", "Column one | Column two", Enumerable.Range(0, 40).Select(i => $"value {i} | other {i}").ToArray())));

        var chunks = Chunker(maxTokens: 64, overlap: 10).Chunk("doc", doc, "en", Chars);

        AssertWellFormed(chunks, 64, Chars);
    }

    [Fact]
    public void Options_reject_an_overlap_larger_than_half_the_window()
    {
        var options = new ChunkingOptions { MaxTokens = 64, OverlapTokens = 40 };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
            options, new System.ComponentModel.DataAnnotations.ValidationContext(options), results, validateAllProperties: true));
        Assert.Throws<ArgumentException>(() => Chunker(maxTokens: 64, overlap: 40));
    }

    [Fact]
    public void A_chunk_carries_the_kind_of_its_blocks_and_never_mixes_kinds()
    {
        var doc = Doc(
            Page(1, "v",
                H("Contents", "Contents") with { ChunkKind = ChunkKind.Contents },
                P("1 Triage 1 2 Cough 9", "Contents") with { ChunkKind = ChunkKind.Contents }),
            Page(2, "1",
                H("1 Triage", "1 Triage"),
                P("Triage is the rapid screening of sick children.", "1 Triage"),
                P("Name: ____ Age: ____", "1 Triage") with { ChunkKind = ChunkKind.Form },
                P("Give oxygen to children with emergency signs.", "1 Triage")));

        var chunks = Chunker().Chunk("doc", doc, "en", Words);

        Assert.Equal(
            [(ChunkKind.Contents, "Contents\n1 Triage 1 2 Cough 9"), (ChunkKind.Guidance, "1 Triage\nTriage is the rapid screening of sick children."),
             (ChunkKind.Form, "Name: ____ Age: ____"), (ChunkKind.Guidance, "Give oxygen to children with emergency signs.")],
            chunks.Select(c => (c.Kind, c.Text)));
    }

    [Fact]
    public void A_heading_flagged_otherwise_still_goes_with_the_guidance_below_it()
    {
        var doc = Doc(Page(1, "1",
            H("Population: Intervention: Comparator:", "PICO") with { ChunkKind = ChunkKind.Form },
            P("Adults and children in areas with ongoing malaria transmission.", "PICO")));

        var chunk = Assert.Single(Chunker().Chunk("doc", doc, "en", Words));

        Assert.Equal(ChunkKind.Guidance, chunk.Kind);
        Assert.StartsWith("Population: Intervention: Comparator:\n", chunk.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_set_as_text_and_cut_off_by_a_list_of_sections_does_not_stand_alone_for_its_page()
    {
        var doc = Doc(Page(222, "197",
            P("SEVERE ACUTE MALNUTRITION", "Severe acute malnutrition"),
            P("7.1 Severe acute malnutrition 197 7.2 Initial assessment 198", "Severe acute malnutrition") with { ChunkKind = ChunkKind.Contents },
            H("7.1 Severe acute malnutrition", "Severe acute malnutrition > 7.1 Severe acute malnutrition"),
            P("Severe acute malnutrition is defined by oedema of both feet or severe wasting.", "Severe acute malnutrition > 7.1 Severe acute malnutrition")));

        var chunks = Chunker().Chunk("doc", doc, "en", Words);

        Assert.Equal([ChunkKind.Contents, ChunkKind.Guidance], chunks.Select(c => c.Kind));
        Assert.DoesNotContain(chunks, c => c.Text.Trim() == "SEVERE ACUTE MALNUTRITION");
    }
}
