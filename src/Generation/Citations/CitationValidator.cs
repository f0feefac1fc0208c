using System.Text.RegularExpressions;
using Meditron.Core.Generation;

namespace Meditron.Generation.Citations;

/// <summary>
/// Turns a draft with [n] markers into the parts of a <see cref="CitedAnswer"/>: only markers that point
/// to evidence survive; claim sentences without a valid citation are dropped; citations are renumbered
/// 1..m in order of first use and carry the passage's page, section and the sentence that best supports them.
/// The items of a cited list are cited by their list (<see cref="ListItems"/>).
/// </summary>
public static class CitationValidator
{
    /// <summary>Sentences with fewer words are not claims (connectives, "Yes.", short headings).</summary>
    public const int MinClaimWords = 4;

    /// <summary>Quotes longer than this are cut at a word boundary (still a substring of the passage).</summary>
    public const int MaxQuoteChars = 500;

    private static readonly string[] AbstentionPhrases =
    [
        "guidelines do not cover", "guideline does not cover", "guidelines don't cover", "do not cover this",
        "does not cover this", "not covered by the evidence", "not covered in the evidence", "not covered by the guidelines",
        "not covered in the guidelines", "no information", "does not contain information", "do not contain information",
        "evidence does not address", "cannot answer", "unable to answer",
        "ne couvre pas", "ne couvrent pas", "aucune information", "ne contient pas d'information", "ne contiennent pas d'information",
        "no cubre", "no cubren", "no contiene informacion", "no contienen informacion", "no hay informacion", "ninguna informacion",
    ];

    private static readonly string[] FoldedAbstentionPhrases = AbstentionPhrases.Select(TextFolding.Fold).ToArray();

    /// <summary>Validates <paramref name="draft"/> against <paramref name="evidence"/>; the answer's Model is <paramref name="model"/>.</summary>
    public static CitedAnswer Validate(string draft, IReadOnlyList<EvidencePassage> evidence, string model, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(model);

        var byNumber = new Dictionary<int, EvidencePassage>();
        foreach (var passage in evidence)
        {
            byNumber.TryAdd(passage.N, passage);
        }

        var sentences = ListItems.InheritCitations(CitationParser.Parse(draft, byNumber.Keys));
        var kept = new List<ParsedSentence>();
        var anyCited = false;
        var modelAbstained = false;
        foreach (var sentence in sentences)
        {
            if (sentence.Citations.Count > 0)
            {
                kept.Add(sentence);
                anyCited = true;
            }
            else if (IsAbstention(sentence.PlainText))
            {
                modelAbstained = true;
                kept.Add(sentence); // a caveat ("the guidelines do not cover neonates") is not a claim
            }
            else if (!IsClaim(sentence.PlainText))
            {
                kept.Add(sentence);
            }
            // else: an uncited claim is dropped, never passed off as cited.
        }

        if (!anyCited)
        {
            var reason = modelAbstained || IsAbstention(draft) ? AbstentionMessages.NotCovered : AbstentionMessages.Unsupported;
            return Abstain(reason, language, model);
        }

        // Drop headings/connectives left dangling at the end.
        while (kept.Count > 0 && kept[^1].Citations.Count == 0 && !IsAbstention(kept[^1].PlainText))
        {
            kept.RemoveAt(kept.Count - 1);
        }

        var renumber = new Dictionary<int, int>();
        var citing = new Dictionary<int, List<string>>();
        foreach (var sentence in kept)
        {
            foreach (var n in sentence.Citations)
            {
                if (!renumber.ContainsKey(n))
                {
                    renumber[n] = renumber.Count + 1;
                    citing[n] = [];
                }
                citing[n].Add(sentence.PlainText);
            }
        }

        var text = Join(kept, s => CitationParser.RewriteMarkers(s.Text, n => renumber.TryGetValue(n, out var m) ? m : null));
        var citations = renumber
            .OrderBy(kv => kv.Value)
            .Select(kv => ToCitation(kv.Value, byNumber[kv.Key], citing[kv.Key]))
            .ToList();
        return new CitedAnswer { Answer = text, Citations = citations, Model = model };
    }

    /// <summary>Sentences joined by spaces; the items of a list each on a line of their own, and a line break after the list.</summary>
    private static string Join(List<ParsedSentence> sentences, Func<ParsedSentence, string> render)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < sentences.Count; i++)
        {
            if (i > 0)
            {
                text.Append(sentences[i].IsListItem ? "\n- " : sentences[i - 1].IsListItem ? "\n" : " ");
            }
            text.Append(sentences[i].IsListItem ? CitationParser.WithoutBullet(render(sentences[i])) : render(sentences[i]));
        }
        return text.ToString();
    }

    /// <summary>Whether a text says that the evidence does not answer the question.</summary>
    public static bool IsAbstention(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = TextFolding.Fold(text).Replace('’', '\'');
        return FoldedAbstentionPhrases.Any(p => folded.Contains(p, StringComparison.Ordinal));
    }

    /// <summary>A claim has at least <see cref="MinClaimWords"/> words and is not a heading ("Treatment:", "# Dosing").</summary>
    public static bool IsClaim(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var trimmed = sentence.Trim();
        if (trimmed.EndsWith(':') || trimmed.StartsWith('#'))
        {
            return false;
        }
        return TextFolding.CountWords(trimmed) >= MinClaimWords;
    }

    /// <summary>
    /// The numbers of the citations whose quote and a claim of the answer that cites it say the same words: every word
    /// of the claim is in the quote (the quote is the claim, or holds it), or every word of the quote is in the claim (a
    /// quote cut at <see cref="MaxQuoteChars"/>, a table row the claim reads with its column headers). The reader finds in
    /// the quote what the answer says, not only a sentence near it. A model's paraphrase is quoted by the passage's
    /// closest sentence, which may say something else.
    /// </summary>
    public static IReadOnlySet<int> QuotesHoldingClaim(CitedAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var sentences = ListItems.InheritCitations(CitationParser.Parse(answer.Answer, answer.Citations.Select(c => c.N).ToList()))
            .Where(s => TextFolding.CountWords(s.PlainText) > 0)
            .Select(s => (s.Citations, Words: WordSet(s.PlainText)))
            .ToList();
        bool holdsClaim(Citation citation)
        {
            var quote = WordSet(citation.Quote);
            return sentences.Any(s => s.Citations.Contains(citation.N) && (s.Words.IsSubsetOf(quote) || quote.IsSubsetOf(s.Words)));
        }
        return answer.Citations.Where(holdsClaim).Select(c => c.N).ToHashSet();
    }

    private static HashSet<string> WordSet(string text) => TextFolding.Words(text).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// What the citing sentences took from <paramref name="passageText"/>: a table row they read; else, of the citing
    /// claims the passage holds word for word, the one that shares the most content words with all of them (an extractive
    /// answer quotes its own sentence, cut where it cut it: no stray list mark or heading from the passage's sentence
    /// around it); else (a model's paraphrase) the passage's sentence that does.
    /// </summary>
    public static string SelectQuote(string passageText, IEnumerable<string> citingSentences)
    {
        ArgumentNullException.ThrowIfNull(passageText);
        ArgumentNullException.ThrowIfNull(citingSentences);
        var claimWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in citingSentences)
        {
            claimWords.UnionWith(TextFolding.ContentWords(s));
        }

        if (QuotedTableRow(passageText, claimWords) is { } row)
        {
            return Cut(row);
        }

        var verbatim = VerbatimClaims(passageText, citingSentences);
        var candidates = verbatim.Count > 0 ? verbatim : SentenceSplitter.Split(passageText).Select(s => s.Text).ToList();
        string? best = null;
        var bestScore = -1.0;
        foreach (var candidate in candidates)
        {
            var words = TextFolding.ContentWords(candidate);
            if (words.Count == 0)
            {
                continue;
            }
            var score = TextFolding.WordShare(words, claimWords);
            if (score > bestScore)
            {
                bestScore = score;
                best = candidate;
            }
        }
        return Cut(best ?? passageText.Trim());
    }

    /// <summary>
    /// A table row ("IFG | 6.1 to 6.9 mmol/l | &lt;7.8 mmol/l") all of whose words the citing sentences hold: the answer
    /// read it with its headers, and the row line is its quote (the longest such row).
    /// </summary>
    private static string? QuotedTableRow(string passageText, HashSet<string> claimWords)
    {
        string? best = null;
        var bestWords = 1;
        foreach (var line in passageText.Split('\n'))
        {
            if (!line.Contains(Extractive.TableRows.CellSeparator, StringComparison.Ordinal))
            {
                continue;
            }
            var words = TextFolding.ContentWords(line);
            if (words.Count > bestWords && words.All(claimWords.Contains))
            {
                best = line.Trim();
                bestWords = words.Count;
            }
        }
        return best;
    }

    /// <summary>The citing claims found in the passage word for word (line breaks and spacing aside), as the passage spells them.</summary>
    private static List<string> VerbatimClaims(string passageText, IEnumerable<string> citingSentences)
    {
        var found = new List<string>();
        foreach (var sentence in citingSentences.Where(IsClaim))
        {
            var words = sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            try
            {
                if (Regex.Match(passageText, string.Join(@"\s+", words.Select(Regex.Escape)), RegexOptions.CultureInvariant, VerbatimTimeout) is { Success: true } match)
                {
                    found.Add(match.Value);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // Literal words and spacing cannot backtrack far; the passage's sentences are the fallback anyway.
            }
        }
        return found;
    }

    private static readonly TimeSpan VerbatimTimeout = TimeSpan.FromSeconds(1);

    private static string Cut(string quote)
    {
        if (quote.Length <= MaxQuoteChars)
        {
            return quote;
        }
        var cut = quote.LastIndexOf(' ', MaxQuoteChars);
        return quote[..(cut > 0 ? cut : MaxQuoteChars)];
    }

    private static Citation ToCitation(int n, EvidencePassage passage, IEnumerable<string> citingSentences) => new()
    {
        N = n,
        DocumentId = passage.DocumentId,
        Title = passage.Title,
        Publisher = passage.Publisher,
        Edition = passage.Edition,
        File = passage.File,
        Page = passage.Page,
        PageEnd = passage.PageEnd,
        PageLabel = passage.PageLabel,
        Section = passage.Section,
        Quote = SelectQuote(passage.Text, citingSentences),
        Score = passage.Score,
    };

    private static CitedAnswer Abstain(string reason, string language, string model) => new()
    {
        Answer = AbstentionMessages.For(reason, language),
        Abstained = true,
        Reason = reason,
        Model = model,
    };
}
