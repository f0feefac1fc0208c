using Meditron.Core.Documents;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Document-level pass that turns layout blocks into <see cref="TextBlock"/>s: headings detected,
/// a heading stack kept across pages, each block given its section path, and blocks that are not guidance flagged
/// (<see cref="PageKindClassifier"/>).
/// </summary>
internal static class SectionBuilder
{
    private const string PathSeparator = SectionPath.Separator;

    public static List<ExtractedPage> Build(IReadOnlyList<LayoutPage> pages, string?[] labels)
    {
        var classifier = new HeadingClassifier(DocumentStyle.BodySize(pages));
        var candidates = new Dictionary<LayoutBlock, HeadingCandidate>(ReferenceEqualityComparer.Instance);
        var texts = new Dictionary<LayoutBlock, string>(ReferenceEqualityComparer.Instance);
        foreach (var block in pages.SelectMany(p => p.Blocks).Where(b => b.Kind == LayoutBlockKind.Text))
        {
            var lines = block.Lines.Where(l => !l.Removed).ToList();
            if (lines.Count == 0)
            {
                continue;
            }

            var text = TextNormalizer.JoinLines(lines.Select(l => l.Text));
            texts[block] = text;
            if (block.SideNote)
            {
                candidates[block] = new HeadingCandidate(text.TrimEnd('.'), 0, lines.Max(l => l.FontSize), IsSideNote: true);
            }
            else if (classifier.Classify(lines, text) is { } candidate)
            {
                candidates[block] = candidate;
            }
        }

        var tiers = Tiers(candidates.Values.Where(c => !c.IsSideNote));
        var numberedSizes = candidates.Values.Where(c => c.NumberedLevel > 0 && !c.IsChapter).Select(c => c.FontSize).ToList();
        var maxNumberedSize = numberedSizes.Count > 0 ? numberedSizes.Max() : double.MaxValue;
        var stack = new List<OpenHeading>();
        var result = new List<ExtractedPage>(pages.Count);
        foreach (var page in pages)
        {
            var blocks = new List<PageBlock>();
            if (page.Ocr)
            {
                blocks.AddRange(page.OcrParagraphs.Select(p => new PageBlock(new TextBlock(BlockKind.Paragraph, p, Path(stack)), [p])));
            }

            for (var b = 0; b < page.Blocks.Count; b++)
            {
                var block = page.Blocks[b];
                if (block.Kind == LayoutBlockKind.Table)
                {
                    blocks.Add(PageBlock.Of(TableBlock(block, Path(stack)), block.Lines));
                }
                else if (candidates.TryGetValue(block, out var heading))
                {
                    // "CHAPTER 4" followed by its title: one heading "4 Title".
                    var lines = block.Lines;
                    if (heading.IsChapter && !heading.Text.Contains(' ', StringComparison.Ordinal)
                        && b + 1 < page.Blocks.Count && candidates.TryGetValue(page.Blocks[b + 1], out var title) && title.NumberedLevel == 0)
                    {
                        heading = heading with { Text = $"{heading.Text} {title.Text}" };
                        lines = [.. lines, .. page.Blocks[b + 1].Lines];
                        b++;
                    }

                    var annex = heading.IsSideNote ? null : DocumentDivisions.Label(heading.Text);
                    var annexPart = !heading.IsSideNote && DocumentDivisions.IsPartTitle(heading.Text);
                    var level = annex is not null || annexPart ? DivisionLevel(annex, stack) : LevelOf(heading, tiers, maxNumberedSize, stack);
                    stack.RemoveAll(h => h.Level >= level);
                    stack.Add(new OpenHeading(level, heading.Text, heading.NumberedLevel > 0, heading.FontSize, heading.IsSideNote) { Annex = annex, AnnexPart = annexPart });
                    blocks.Add(PageBlock.Of(new TextBlock(BlockKind.Heading, heading.Text, Path(stack), level), lines));
                }
                else if (texts.TryGetValue(block, out var text) && !NamesOpenSection(block, text, stack))
                {
                    blocks.Add(PageBlock.Of(new TextBlock(BlockKind.Paragraph, text, Path(stack)), block.Lines));
                }
            }

            var pageRows = VisualRows.Of(page.Blocks.SelectMany(b => b.Lines));
            pageRows.AddRange(page.OcrParagraphs);
            result.Add(new ExtractedPage(page.Number, labels[page.Number - 1], page.Ocr, PageKindClassifier.Classify(blocks, pageRows)));
        }

        return result;
    }

    /// <summary>
    /// A running header that names the section open here ("MEASURING BLOOD GLUCOSE" atop the page that continues
    /// "Measuring blood glucose"): in a margin zone, in capitals, the open heading's words. Such a header repeats on too
    /// few pages for <see cref="RunningHeaderFilter"/>, and kept it would cut the sentence that runs on across the page.
    /// </summary>
    private static bool NamesOpenSection(LayoutBlock block, string text, List<OpenHeading> stack) =>
        block.Lines.All(l => l.Removed || l.MarginZone != 0)
        && text.Any(char.IsLetter) && !text.Any(char.IsLower)
        && stack.Any(h => string.Equals(TextNormalizer.Clean(h.Text), TextNormalizer.Clean(text), StringComparison.OrdinalIgnoreCase));

    private static int LevelOf(HeadingCandidate heading, List<double> tiers, double maxNumberedSize, List<OpenHeading> open)
    {
        const double Same = 0.25;
        // A side note goes below the headings open, in place of the note before it; it sets no level for them.
        var stack = open.Where(h => !h.SideNote).ToList();
        if (heading.IsSideNote)
        {
            return stack.Count == 0 ? 1 : Math.Min(stack[^1].Level + 1, 9);
        }

        if (heading.NumberedLevel > 0)
        {
            return heading.NumberedLevel;
        }

        var size = heading.FontSize;
        var numbered = stack.Where(h => h.Numbered).ToList();
        if (size > maxNumberedSize + Same)
        {
            return 1; // bigger than every numbered heading: a chapter or part title
        }

        if (numbered.Count == 0)
        {
            if (maxNumberedSize == double.MaxValue || stack.Count == 0)
            {
                return tiers.Count(t => t > size + Same) + 1;
            }
            // Replaces the outermost open heading that is not bigger than it (its sibling, or a smaller heading it
            // closes), else nests under the deepest: a bigger heading after a smaller one never nests under it.
            var notBigger = stack.FindIndex(h => h.Size <= size + Same);
            return notBigger >= 0 ? stack[notBigger].Level : Math.Min(stack[^1].Level + 1, 9);
        }

        // Bigger than some open numbered heading: replaces the outermost smaller one.
        var smaller = numbered.FirstOrDefault(h => h.Size < size - Same);
        if (smaller is not null)
        {
            return smaller.Level;
        }

        // Not bigger than any: nests under the deepest, one level per size tier in between.
        var deepest = numbered[^1];
        return Math.Min(deepest.Level + 1 + tiers.Count(t => t < deepest.Size - Same && t > size + Same), 9);
    }

    /// <summary>
    /// An annex or appendix (<see cref="DocumentDivisions"/>) closes the sections open above it: it nests only in the
    /// annex it is a part of ("Annex 4.2" in "Annex 4"), else in the part that holds the annexes, else it is level 1.
    /// The part title itself ("Annexes") is level 1.
    /// </summary>
    private static int DivisionLevel(string? annex, List<OpenHeading> stack)
    {
        if (annex is null)
        {
            return 1;
        }
        var parent = stack.LastOrDefault(h => h.Annex is { } open && DocumentDivisions.IsPartOf(annex, open))
            ?? stack.LastOrDefault(h => h.AnnexPart);
        return parent is null ? 1 : Math.Min(parent.Level + 1, 9);
    }

    /// <summary>Heading font sizes used at least twice, largest first.</summary>
    private static List<double> Tiers(IEnumerable<HeadingCandidate> candidates) =>
        candidates.GroupBy(c => Math.Round(c.FontSize * 2) / 2)
            .Where(g => g.Count() >= 2)
            .Select(g => g.Key)
            .OrderDescending()
            .ToList();

    private sealed record OpenHeading(int Level, string Text, bool Numbered, double Size, bool SideNote)
    {
        /// <summary>The label of the annex this heading opens ("4F", "A"), else null.</summary>
        public string? Annex { get; init; }

        /// <summary>The heading titles the part that holds the annexes ("Annexes").</summary>
        public bool AnnexPart { get; init; }
    }

    private static string Path(List<OpenHeading> stack) =>
        string.Join(PathSeparator, stack.Select(h => h.Text));

    private static TextBlock TableBlock(LayoutBlock block, string section)
    {
        var rows = block.TableRows.Select(r => string.Join(" | ", r.Select(TextNormalizer.Clean))).ToList();
        var header = rows.Count > 0 ? rows[0] : string.Empty;
        var body = rows.Skip(1).ToList();
        return new TextBlock(BlockKind.Table, string.Join('\n', rows), section)
        {
            TableHeader = header,
            TableRows = body,
        };
    }
}
