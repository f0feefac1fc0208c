using Meditron.Core.Documents;
using Meditron.Ingestion.Extraction;
using Microsoft.Extensions.Options;

namespace Meditron.Ingestion.Chunking;

/// <summary>
/// Cuts an extracted document into passages for retrieval: never across sections, within the embedding model's
/// token window (section line included), tables only between rows with their header repeated, long paragraphs
/// at sentence boundaries with overlap, and every passage keeps its physical pages and printed page labels and the
/// kind of its blocks (a passage is all guidance or all contents, index, references or form).
/// </summary>
public sealed class SectionChunker
{
    private const string SectionSeparator = SectionPath.Separator;
    private readonly ChunkingOptions _options;

    public SectionChunker(IOptions<ChunkingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        if (_options.OverlapTokens * 2 > _options.MaxTokens || _options.MinTokens * 2 > _options.MaxTokens)
        {
            throw new ArgumentException("Chunking:OverlapTokens and Chunking:MinTokens must be at most half of Chunking:MaxTokens.", nameof(options));
        }
    }

    /// <summary>
    /// The lines put before a chunk's text when it is embedded, so that a passage carries the context a
    /// reader has: "Document: Pocket book of hospital care for children\nSection: 4.2 Pneumonia\n";
    /// each line left out when empty.
    /// </summary>
    public static string ContextPrefix(string title, string section) =>
        (string.IsNullOrWhiteSpace(title) ? "" : "Document: " + title.Trim() + "\n")
        + (string.IsNullOrWhiteSpace(section) ? "" : "Section: " + section + "\n");

    /// <summary>The context lines without a document title.</summary>
    public static string ContextPrefix(string section) => ContextPrefix("", section);

    /// <summary>Exactly the text that is embedded for <paramref name="chunk"/> of the document titled <paramref name="title"/> (what its <see cref="Chunk.TokenCount"/> counts).</summary>
    public static string EmbeddingText(Chunk chunk, string title)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        return ContextPrefix(title, chunk.Section) + chunk.Text;
    }

    /// <summary>The embedded text of a chunk chunked without a document title.</summary>
    public static string EmbeddingText(Chunk chunk) => EmbeddingText(chunk, "");

    /// <param name="countTokens">Model tokens of a text, as the embedder counts them (<c>IEmbedder.CountTokens</c>).</param>
    /// <param name="title">The document's title, embedded with every chunk (see <see cref="EmbeddingText(Chunk, string)"/>).</param>
    public IReadOnlyList<Chunk> Chunk(string documentId, ExtractedDocument document, string language, Func<string, int> countTokens, string title = "")
    {
        ArgumentNullException.ThrowIfNull(documentId);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(countTokens);

        var run = new Run(_options, documentId, language ?? "", countTokens, title ?? "");
        foreach (var group in Groups(document))
        {
            run.Add(group);
        }

        return run.Chunks;
    }

    /// <summary>Runs of blocks of one section and one kind (guidance, contents, ...); a heading always starts a new run.</summary>
    private static IEnumerable<List<(TextBlock Block, ExtractedPage Page)>> Groups(ExtractedDocument document)
    {
        var current = new List<(TextBlock, ExtractedPage)>();
        string? section = null;
        var kind = ChunkKind.Guidance;
        var hasText = false;
        foreach (var page in document.Pages)
        {
            foreach (var block in page.Blocks)
            {
                if (IsEmpty(block))
                {
                    continue;
                }

                var blockSection = (block.Section ?? "").Trim();
                // A heading goes with the text below it whatever its own kind; text of another kind starts a new run.
                var isText = block.Kind != BlockKind.Heading;
                if (current.Count > 0 && (!isText || blockSection != section || (hasText && block.ChunkKind != kind)))
                {
                    yield return current;
                    current = [];
                    hasText = false;
                }

                section = blockSection;
                if (isText)
                {
                    kind = block.ChunkKind;
                    hasText = true;
                }
                current.Add((block, page));
            }
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }

    private static bool IsEmpty(TextBlock block) =>
        string.IsNullOrWhiteSpace(block.Text)
        && (block.Kind != BlockKind.Table || block.TableRows.All(string.IsNullOrWhiteSpace));

    private enum AtomKind
    {
        Heading,
        Sentence,
        TableHeader,
        TableRow,
    }

    /// <summary>An indivisible piece of a chunk's text.</summary>
    /// <param name="Separator">Put before the text when another atom precedes it in the chunk.</param>
    /// <param name="Table">Which table of the section a header or row belongs to (0 for others).</param>
    private sealed record Atom(AtomKind Kind, string Text, int Cost, string Separator, ExtractedPage Page, int Table)
    {
        /// <summary>Repeated from the previous chunk (overlap).</summary>
        public bool Overlap { get; init; }

        /// <summary>A repeated table header: context, not content of this chunk's pages.</summary>
        public bool Context { get; init; }

        public bool IsContent => !Overlap && !Context && Kind != AtomKind.Heading;
    }

    /// <summary>State of one chunking call.</summary>
    private sealed class Run
    {
        private readonly ChunkingOptions _options;
        private readonly string _documentId;
        private readonly string _language;
        private readonly Func<string, int> _countTokens;
        private readonly string _title;
        private readonly int _specialTokens;

        public Run(ChunkingOptions options, string documentId, string language, Func<string, int> countTokens, string title)
        {
            _title = title;
            _options = options;
            _documentId = documentId;
            _language = language;
            _countTokens = countTokens;
            _specialTokens = Math.Max(0, countTokens(""));
        }

        public List<Chunk> Chunks { get; } = [];

        private string Prefix(string section) => ContextPrefix(_title, section);

        /// <summary>Tokens a piece of text adds to the embedded text (special tokens counted once, in the budget).</summary>
        private int Cost(string text) => Math.Max(0, _countTokens(text) - _specialTokens);

        public void Add(List<(TextBlock Block, ExtractedPage Page)> group)
        {
            if (group.All(b => b.Block.Kind == BlockKind.Heading) || RepeatsItsSection(group))
            {
                // A heading followed directly by a sub-heading (or by text of another kind, such as the chapter's list of
                // sections): its words live on in the section line of the chunks below. Alone it would stand for its page.
                return;
            }

            var section = FitSection(group[0].Block.Section?.Trim() ?? "");
            var kind = group.FirstOrDefault(b => b.Block.Kind != BlockKind.Heading).Block?.ChunkKind ?? ChunkKind.Guidance;
            var budget = _options.MaxTokens - _specialTokens - Cost(Prefix(section));
            var packer = new Packer(this, budget);
            var table = 0;
            string? previous = null; // the text of the block before, when it was a paragraph
            foreach (var (block, page) in group)
            {
                switch (block.Kind)
                {
                    case BlockKind.Heading:
                        packer.AddHeading(block.Text.Trim(), page);
                        previous = null;
                        break;
                    case BlockKind.Table when block.TableRows.Any(r => !string.IsNullOrWhiteSpace(r)):
                        packer.AddTable(block, page, ++table);
                        previous = null;
                        break;
                    default:
                        packer.AddParagraph(block.Text, page, continuesSentence: previous is not null && ContinuesSentence(previous, block.Text));
                        previous = block.Text;
                        break;
                }
            }

            var chunks = packer.Finish();
            MergeTinyTail(chunks, budget);
            foreach (var atoms in chunks)
            {
                Emit(atoms, section, kind);
            }
        }

        /// <summary>
        /// A paragraph that goes on with the sentence the one before left open: that one is prose that ends on a word or
        /// a comma and this one opens in lower case ("… and a" at the foot of a page or column, "systematic approach to
        /// transfer …" atop the next). It is joined with a space, not a line break, so that the sentence reads whole.
        /// </summary>
        private static bool ContinuesSentence(string before, string text)
        {
            var end = before.TrimEnd();
            var start = text.TrimStart();
            return end.Length > 0 && start.Length > 0 && (char.IsLetter(end[^1]) || end[^1] == ',') && char.IsLower(start[0])
                && TextSplitter.Words(end).Length >= MinProseWords;
        }

        /// <summary>
        /// Words the paragraph before has at least for a sentence to run on from it: a cover's title set in pieces ("WHO
        /// guidelines" above "for malaria") stays stacked, read as a title block, not as a sentence.
        /// </summary>
        private const int MinProseWords = 8;

        /// <summary>Text that only repeats the last level of its section path ("SEVERE ACUTE MALNUTRITION"): a title set as a paragraph.</summary>
        private static bool RepeatsItsSection(List<(TextBlock Block, ExtractedPage Page)> group)
        {
            var last = SectionPath.LastLevel(group[0].Block.Section ?? "");
            var text = string.Join(" ", group.Select(b => b.Block.Text));
            return last.Length > 0 && LettersOnly(text).Equals(LettersOnly(last), StringComparison.OrdinalIgnoreCase);
        }

        private static string LettersOnly(string text) => new(text.Where(char.IsLetterOrDigit).ToArray());

        /// <summary>A section line so long that it would crowd out the text loses outer levels, then words.</summary>
        private string FitSection(string section)
        {
            var limit = (_options.MaxTokens - _specialTokens) / 2;
            if (section.Length == 0 || Cost(Prefix(section)) <= limit)
            {
                return section;
            }

            var levels = section.Split(SectionSeparator).ToList();
            while (levels.Count > 1)
            {
                levels.RemoveAt(0);
                var shorter = "… > " + string.Join(SectionSeparator, levels);
                if (Cost(Prefix(shorter)) <= limit)
                {
                    return shorter;
                }
            }

            var marker = section.Contains(SectionSeparator, StringComparison.Ordinal) ? "… > " : "";
            var overhead = Cost(Prefix(marker + "…"));
            var words = TextSplitter.ToFit(levels[0], Math.Max(1, limit - overhead), Cost);
            return marker + words[0] + " …";
        }

        private void MergeTinyTail(List<List<Atom>> chunks, int budget)
        {
            if (chunks.Count < 2)
            {
                return;
            }

            var last = chunks[^1];
            var previous = chunks[^2];
            var moving = last.Where(a => !a.Overlap).ToList();
            if (moving.Count > 0 && moving[0].Kind == AtomKind.TableHeader && moving[0].Context
                && previous.Any(a => a.Kind == AtomKind.TableHeader && a.Table == moving[0].Table))
            {
                moving.RemoveAt(0);
            }

            var movingCost = moving.Sum(a => a.Cost);
            if (movingCost < _options.MinTokens && previous.Sum(a => a.Cost) + movingCost <= budget)
            {
                previous.AddRange(moving);
                chunks.RemoveAt(chunks.Count - 1);
            }
        }

        /// <summary>Adds a chunk; should the real token count exceed the window (a tokenizer that is not additive), it is halved.</summary>
        private void Emit(List<Atom> atoms, string section, ChunkKind kind)
        {
            var text = Join(atoms);
            var tokens = _countTokens(Prefix(section) + text);
            if (tokens > _options.MaxTokens)
            {
                if (atoms is [{ Kind: AtomKind.TableHeader, Context: true }, var row])
                {
                    // A repeated header and one row do not fit together: the row alone (the split below would put the
                    // header back in front of it, for ever).
                    Emit([row], section, kind);
                    return;
                }

                if (atoms.Count > 1)
                {
                    // A header never makes a half alone: it is repeated before the second half, which would then be
                    // the whole again.
                    var middle = atoms.Count == 3 && atoms[0].Kind == AtomKind.TableHeader ? 2 : atoms.Count / 2;
                    var second = atoms.GetRange(middle, atoms.Count - middle);
                    var header = atoms.Take(middle).LastOrDefault(a => a.Kind == AtomKind.TableHeader);
                    if (header is not null && second[0].Kind == AtomKind.TableRow && second[0].Table == header.Table)
                    {
                        second.Insert(0, header with { Context = true });
                    }

                    Emit(atoms.GetRange(0, middle), section, kind);
                    Emit(second, section, kind);
                    return;
                }

                var words = TextSplitter.Words(atoms[0].Text);
                if (words.Length > 1)
                {
                    var half = words.Length / 2;
                    Emit([atoms[0] with { Text = string.Join(' ', words, 0, half) }], section, kind);
                    Emit([atoms[0] with { Text = string.Join(' ', words, half, words.Length - half), Separator = " " }], section, kind);
                    return;
                }

                if (atoms[0].Text.Length > 1)
                {
                    var half = atoms[0].Text.Length / 2;
                    Emit([atoms[0] with { Text = atoms[0].Text[..half] }], section, kind);
                    Emit([atoms[0] with { Text = atoms[0].Text[half..] }], section, kind);
                    return;
                }
            }

            var pages = atoms.Where(a => !a.Context).Select(a => a.Page).ToList();
            if (pages.Count == 0)
            {
                pages = atoms.Select(a => a.Page).ToList();
            }

            var first = pages.MinBy(p => p.Number)!;
            var lastPage = pages.MaxBy(p => p.Number)!;
            Chunks.Add(new Chunk
            {
                DocumentId = _documentId,
                ChunkNo = Chunks.Count,
                Text = text,
                PageStart = first.Number,
                PageEnd = lastPage.Number,
                PageLabel = first.Label,
                PageLabelEnd = lastPage.Label,
                Section = section,
                Language = _language,
                Ocr = atoms.Any(a => a.Page.Ocr),
                TokenCount = tokens,
                Kind = kind,
            });
        }

        private static string Join(List<Atom> atoms)
        {
            var builder = new System.Text.StringBuilder();
            foreach (var atom in atoms)
            {
                if (builder.Length > 0)
                {
                    builder.Append(atom.Separator);
                }

                builder.Append(atom.Text);
            }

            return builder.ToString();
        }

        /// <summary>Greedy packing of one section's atoms into chunks of at most <c>budget</c> tokens.</summary>
        private sealed class Packer(Run run, int budget)
        {
            private readonly List<List<Atom>> _chunks = [];
            private List<Atom> _current = [];
            private int _used;

            private int Free => budget - _used;

            /// <summary>The current chunk has content besides the section heading and overlap.</summary>
            private bool HasContent => _current.Any(a => a.IsContent);

            public void AddHeading(string text, ExtractedPage page)
            {
                foreach (var piece in TextSplitter.ToFit(text, budget, run.Cost))
                {
                    Flow(new Atom(AtomKind.Heading, piece, run.Cost(piece), "\n", page, 0));
                }
            }

            /// <param name="continuesSentence">The paragraph goes on with the previous one's last sentence: no line break between them.</param>
            public void AddParagraph(string text, ExtractedPage page, bool continuesSentence = false)
            {
                var atoms = new List<Atom>();
                foreach (var (sentence, newLine) in TextSplitter.Sentences(text.Replace("\r\n", "\n", StringComparison.Ordinal)))
                {
                    var separator = atoms.Count == 0 ? (continuesSentence ? " " : "\n") : newLine ? "\n" : " ";
                    foreach (var piece in TextSplitter.ToFit(sentence, budget, run.Cost))
                    {
                        atoms.Add(new Atom(AtomKind.Sentence, piece, run.Cost(piece), separator, page, 0));
                        separator = " ";
                    }
                }

                // Keep a paragraph whole when it fits a chunk of its own rather than cutting it across two (one that goes
                // on with the previous sentence stays with it).
                var total = atoms.Sum(a => a.Cost);
                if (total > Free && total <= budget && HasContent && !continuesSentence)
                {
                    Next(reserve: total);
                }

                foreach (var atom in atoms)
                {
                    Flow(atom);
                }
            }

            public void AddTable(TextBlock block, ExtractedPage page, int table)
            {
                Atom? header = null;
                if (!string.IsNullOrWhiteSpace(block.TableHeader))
                {
                    var text = block.TableHeader.Trim();
                    var cost = run.Cost(text);
                    if (cost > budget / 2)
                    {
                        text = TextSplitter.ToFit(text, budget / 2 - run.Cost("…"), run.Cost)[0] + " …";
                        cost = run.Cost(text);
                    }

                    header = new Atom(AtomKind.TableHeader, text, cost, "\n", page, table);
                }

                var headerCost = header?.Cost ?? 0;
                var rows = new List<Atom>();
                foreach (var row in block.TableRows)
                {
                    if (string.IsNullOrWhiteSpace(row))
                    {
                        continue;
                    }

                    // A row longer than the window must be cut; each piece still follows the header.
                    foreach (var piece in TextSplitter.ToFit(row.Trim(), budget - headerCost, run.Cost))
                    {
                        rows.Add(new Atom(AtomKind.TableRow, piece, run.Cost(piece), "\n", page, table));
                    }
                }

                var total = headerCost + rows.Sum(r => r.Cost);
                if (total > Free && (total <= budget || headerCost + rows[0].Cost > Free) && HasContent)
                {
                    Fresh();
                }

                if (header is not null)
                {
                    Append(header);
                }

                foreach (var row in rows)
                {
                    if (row.Cost > Free)
                    {
                        Fresh();
                        if (header is not null)
                        {
                            Append(header with { Context = true });
                        }
                    }

                    Append(row);
                }
            }

            public List<List<Atom>> Finish()
            {
                Close();
                return _chunks;
            }

            /// <summary>Adds running text, opening a new chunk (with overlap) when it does not fit.</summary>
            private void Flow(Atom atom)
            {
                if (atom.Cost > Free)
                {
                    if (_current.Count > 0 && _current.All(a => a.Kind == AtomKind.Heading) && atom.Kind == AtomKind.Sentence && Free > 0)
                    {
                        // Only the heading so far: fill the rest of this chunk with the start of the sentence.
                        var words = TextSplitter.Words(atom.Text);
                        var head = new List<string>();
                        var used = 0;
                        foreach (var word in words)
                        {
                            var cost = run.Cost(word);
                            if (used + cost > Free)
                            {
                                break;
                            }

                            head.Add(word);
                            used += cost;
                        }

                        if (head.Count > 0 && head.Count < words.Length)
                        {
                            var headText = string.Join(' ', head);
                            var restText = string.Join(' ', words, head.Count, words.Length - head.Count);
                            Append(atom with { Text = headText, Cost = run.Cost(headText) });
                            atom = atom with { Text = restText, Cost = run.Cost(restText), Separator = " " };
                        }
                    }

                    Next(reserve: atom.Cost);
                }

                Append(atom);
            }

            private void Append(Atom atom)
            {
                _current.Add(atom);
                _used += atom.Cost;
            }

            /// <summary>Closes the chunk and opens the next with up to OverlapTokens of its last sentences (or its last sentence whole, up to twice that).</summary>
            private void Next(int reserve)
            {
                var previous = _current;
                Close();
                var room = Math.Min(run._options.OverlapTokens, budget - reserve);
                if (room <= 0 || previous.Count == 0)
                {
                    return;
                }

                var overlap = new List<Atom>();
                var used = 0;
                for (var i = previous.Count - 1; i >= 0; i--)
                {
                    var atom = previous[i];
                    if (atom.Kind != AtomKind.Sentence || used + atom.Cost > room)
                    {
                        break;
                    }

                    overlap.Insert(0, atom with { Overlap = true });
                    used += atom.Cost;
                }

                var last = previous[^1];
                if (overlap.Count == 0 && last.Kind == AtomKind.Sentence)
                {
                    if (last.Cost <= Math.Min(2 * run._options.OverlapTokens, budget - reserve))
                    {
                        // The last sentence alone is longer than the overlap but not by much: repeat it whole, so that the
                        // next chunk opens where a sentence opens and never offers a quote cut at its start.
                        overlap.Add(last with { Overlap = true });
                    }
                    else if (TextSplitter.TailWords(last.Text, room, run.Cost) is { Length: > 0 } tail)
                    {
                        // The last sentence is much longer than the overlap: repeat its last words.
                        overlap.Add(last with { Text = tail, Cost = run.Cost(tail), Overlap = true });
                    }
                }

                foreach (var atom in overlap)
                {
                    Append(atom);
                }
            }

            /// <summary>Closes the chunk and opens an empty one (tables start clean, with their header).</summary>
            private void Fresh() => Close();

            private void Close()
            {
                if (_current.Any(a => !a.Overlap))
                {
                    _chunks.Add(_current);
                }

                _current = [];
                _used = 0;
            }
        }
    }
}
