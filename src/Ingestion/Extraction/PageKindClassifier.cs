using Meditron.Core.Documents;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Flags the blocks of a page that are not guidance: a table of contents, an index, a reference list, a form
/// (<see cref="ContentsRule"/>, <see cref="IndexRule"/>, <see cref="ReferencesRule"/>, <see cref="FormRule"/>, tried in
/// that order). On a page of such a kind, a block of running text that is not itself of the kind (the instructions
/// above a form, the last paragraph of a chapter above its references) stays guidance, and a label goes with the
/// block below it. Nothing is dropped: the flag travels with the chunk, and answers leave such chunks out.
/// </summary>
internal static class PageKindClassifier
{
    private const string PathSeparator = SectionPath.Separator;

    /// <summary>Blocks whose own rows are at least this share entries of the page's kind belong to it even when they read as prose.</summary>
    private const double OwnShare = 0.3;

    /// <summary>A block of at most this many words that is neither running text nor entries is a label of what follows it.</summary>
    private const int MaxLabelWords = 12;

    private static readonly INonGuidanceRule[] Rules =
        [ContentsRule.Instance, IndexRule.Instance, ReferencesRule.Instance, FormRule.Instance];

    /// <param name="blocks">The page's blocks in reading order, each with its rows (<see cref="VisualRows"/>).</param>
    /// <param name="pageRows">All rows of the page, columns side by side.</param>
    /// <returns>The blocks with <see cref="TextBlock.ChunkKind"/> set.</returns>
    public static List<TextBlock> Classify(IReadOnlyList<PageBlock> blocks, IReadOnlyList<string> pageRows)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(pageRows);
        var titles = blocks.SelectMany(b => Titles(b.Block)).Distinct(StringComparer.Ordinal).ToList();
        var page = new PageRows(pageRows, titles, blocks.Select(b => b.Block.Text).ToList())
        {
            Headings = blocks.Where(b => b.Block.Kind == BlockKind.Heading).Select(b => b.Block.Text).ToList(),
        };
        var rule = Rules.FirstOrDefault(r => r.MatchesPage(page));
        var kinds = new ChunkKind[blocks.Count];
        if (rule is null)
        {
            for (var i = 0; i < blocks.Count; i++)
            {
                kinds[i] = OwnKind(blocks[i].Block, blocks[i].Rows);
            }

            MarkContentsRuns(blocks, kinds);
        }
        else
        {
            for (var i = blocks.Count - 1; i >= 0; i--)
            {
                var (block, rows) = blocks[i];
                kinds[i] = Membership(rule, block, rows) switch
                {
                    Member.Yes => rule.Kind,
                    Member.No => ChunkKind.Guidance,
                    // A label goes with the block after it ("Use of feeding bottle" above its paragraph on a page that
                    // also shows a form); longer text that is neither (a column of contents titles) with the page.
                    _ => i + 1 < blocks.Count && IsLabel(block) ? kinds[i + 1] : rule.Kind,
                };
            }
        }

        return blocks.Select((b, i) => kinds[i] == b.Block.ChunkKind ? b.Block : b.Block with { ChunkKind = kinds[i] }).ToList();
    }

    /// <summary>
    /// On a guidance page: a run of blocks without running text that together read as contents (a chapter's list of
    /// sections running onto its first page, cut into small tables and a column of page numbers) is contents. Its rows
    /// are rebuilt from the run's lines, so that each title meets its page number again.
    /// </summary>
    private static void MarkContentsRuns(IReadOnlyList<PageBlock> blocks, ChunkKind[] kinds)
    {
        var start = 0;
        while (start < blocks.Count)
        {
            if (RowFeatures.IsProse(blocks[start].Block.Text))
            {
                start++;
                continue;
            }

            var end = start;
            while (end < blocks.Count && !RowFeatures.IsProse(blocks[end].Block.Text))
            {
                end++;
            }

            // A heading at the end of the run opens the text after it.
            var next = end;
            while (end > start && blocks[end - 1].Block.Kind == BlockKind.Heading)
            {
                end--;
            }

            var run = blocks.Skip(start).Take(end - start).ToList();
            var rows = run.All(b => b.Lines.Count > 0) ? VisualRows.Of(run.SelectMany(b => b.Lines)) : run.SelectMany(b => b.Rows).ToList();
            if (ContentsRule.Instance.MatchesBlock(rows, titled: false))
            {
                Array.Fill(kinds, ChunkKind.Contents, start, end - start);
            }

            start = next;
        }
    }

    private enum Member
    {
        No,
        Yes,
        /// <summary>Neither running text nor entries: a heading, a label, a number.</summary>
        Unsure,
    }

    /// <summary>On a page of the rule's kind: blocks whose rows are entries belong to it, running text does not.</summary>
    private static Member Membership(INonGuidanceRule rule, TextBlock block, IReadOnlyList<string> rows)
    {
        var (count, share) = RowFeatures.Entries(rows.Where(RowFeatures.IsTextRow).ToList(), rule.IsEntry);
        if (count > 0 && share >= OwnShare)
        {
            return Member.Yes;
        }

        return RowFeatures.IsProse(block.Text) ? Member.No : Member.Unsure;
    }

    private static bool IsLabel(TextBlock block) =>
        block.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxLabelWords;

    /// <summary>On a guidance page: a reference list or a form that fills a block by itself.</summary>
    private static ChunkKind OwnKind(TextBlock block, IReadOnlyList<string> rows)
    {
        if (block.Kind == BlockKind.Heading)
        {
            return ChunkKind.Guidance; // a heading alone is never a list or a form ("Population: Intervention: Comparator:")
        }

        foreach (var rule in Rules)
        {
            if (rule.MatchesBlock(rows, Titles(block).Any(rule.IsTitle)))
            {
                return rule.Kind;
            }
        }

        return ChunkKind.Guidance;
    }

    /// <summary>The headings a block sits under (its section path), and the block itself when it is a heading.</summary>
    private static IEnumerable<string> Titles(TextBlock block) =>
        block.Section.Split(PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Append(block.Kind == BlockKind.Heading ? block.Text : "")
            .Where(t => t.Length > 0);
}
