using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Meditron.Core.Documents;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Meditron.Generation.Citations;
using Microsoft.Extensions.Options;

namespace Meditron.Generation.Extractive;

/// <summary>
/// Answers without an LLM: picks the evidence sentences that best answer the question (dense similarity of the
/// sentence and of its passage, word overlap, an abbreviation its guideline defines in the evidence counting as its
/// long form's words, whether the passage's section is about the question's subject, a bonus for numbers on dose
/// questions, less for a sentence that reports research or weighs what could follow, near-repeats removed) and cites
/// each one; a near-repeat from another guideline is cited as a second source, one with other numbers is kept as its
/// own sentence. The answer holds to the best sentence's section: a sentence from elsewhere must answer a part of the
/// question it leaves open (or be nearly as well supported). No sentence speaks of another population, or of a weight
/// band that does not hold the patient's weight. A sentence that refers back ("This should be 8 or more times in 24
/// hours.") is read with the sentence before it and quoted after it.
/// The sentences read in order, passage by passage. Every answer sentence is a sentence of a passage, so its quote is on the page.
/// </summary>
public sealed partial class ExtractiveEngine : IAnswerEngine
{
    internal const double DenseWeight = 0.6;
    internal const double LexicalWeight = 0.4;
    internal const double NumberBonus = 0.15;
    internal const double RedundancyCosine = 0.85;

    /// <summary>
    /// Share of content words (Dice) a near-repeat from another passage has in common with the chosen sentence to be cited
    /// as a second source of it: a second source says the same in mostly the same words, not only on the same subject
    /// (an embedding put "committees … composed of technical members" 0.85 near "Members of the IHR National Focal Point
    /// should always be part of the national team").
    /// </summary>
    internal const double MinCorroboratingWordShare = 0.5;

    internal const int MaxCorroborating = 1;

    /// <summary>
    /// Weight of the passage's topic match (how much of the question's key terms its section path names) in a sentence's
    /// score, so that a sentence under the question's subject beats a like one from another chapter. Tuned on the tuning
    /// halves (dev fold 1/2 and paraphrased fold 1/2): 0.1, 0.15 and 0.2 give the same hits, 0.3 loses one.
    /// </summary>
    internal const double TopicWeight = 0.15;

    /// <summary>
    /// Added to the sentences of a passage from a guideline the question names ("how many doses does IMCI give"), so that
    /// the named guideline answers when it speaks to the question.
    /// </summary>
    internal const double NamedGuidelineBonus = 0.1;

    /// <summary>
    /// Taken from a sentence that reports research ("2507 pregnant women … were randomized", "the review included …"):
    /// a guideline's evidence summary says why, its recommendation says what to do, and a clinician asks what to do.
    /// The tuning halves give the same hits at 0.05, 0.1 and 0.2 (the untuned halves gain one question at each).
    /// </summary>
    internal const double ResearchPenalty = 0.1;

    /// <summary>
    /// Taken from a sentence that weighs what could, would or might follow and says nothing to do ("poorly sensitive
    /// diagnostics could misclassify a setting", "This would allow for cessation of several interventions"): a
    /// guideline's discussion of harms and benefits, beside the recommendation a clinician acts on. The tuning halves
    /// give the same hits at 0.05, 0.1 and 0.2.
    /// </summary>
    internal const double SpeculationPenalty = 0.1;

    /// <summary>Weight of the passage's dense similarity in a sentence's score (tuned on dev fold 1/2: 0.2 / 0.5 / 1.0).</summary>
    internal const double PassageWeight = 0.5;

    /// <summary>
    /// A sentence from another section than the chosen ones joins the answer when it answers a part they leave open, or
    /// when it scores at least this share of the first sentence (tuned on dev fold 1/2: 0.8 / 0.9 / 0.95).
    /// </summary>
    internal const double ElsewhereRatio = 0.8;

    private readonly IEmbedder _embedder;
    private readonly int _maxSentences;

    public ExtractiveEngine(IEmbedder embedder, IOptions<AnswerPolicyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(options);
        _embedder = embedder;
        _maxSentences = Math.Max(1, options.Value.MaxSentences);
    }

    public string Name => "extractive";

    public async IAsyncEnumerable<string> StreamAsync(GenerateAnswer request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await Task.Yield();
        // The asking side's vector only when its embedding model is this one: a worker configured otherwise embeds again.
        var questionVector = string.Equals(request.QuestionVectorModel, _embedder.ModelId, StringComparison.Ordinal) ? request.QuestionVector : null;
        var chosen = Select(request.Question, request.Evidence, _maxSentences, cancellationToken, questionVector);
        for (var i = 0; i < chosen.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sources = string.Join(", ", chosen[i].Sources.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            yield return (i == 0 ? string.Empty : " ") + Cited(chosen[i].Text, "[" + sources + "]");
        }
    }

    /// <summary>
    /// The unit with its marker after its last sentence, and after every sentence that the check would not read as an
    /// item of a cited list (a lead-in's lines without bullets: "Evaluation and Feedback: … (Target: 2 weeks) …"), so
    /// that each is kept as cited rather than dropped as an uncited claim.
    /// </summary>
    internal static string Cited(string unit, string marker)
    {
        var spans = SentenceSplitter.Split(unit);
        var text = new System.Text.StringBuilder();
        var from = 0;
        for (var i = 0; i < spans.Count - 1; i++)
        {
            var end = spans[i].Start + spans[i].Length;
            if (!SentenceSplitter.OpensWithMark(unit, end, spans[i + 1]))
            {
                text.Append(unit, from, end - from).Append(' ').Append(marker);
                from = end;
            }
        }
        return text.Append(unit, from, unit.Length - from).Append(' ').Append(marker).ToString();
    }

    internal sealed record Candidate(int PassageNumber, int PassageIndex, int Position, string Text)
    {
        public double Score { get; set; }

        /// <summary>Who the sentence is about: the populations it names, else those of its table row or section (read when first asked).</summary>
        public Population Population => _population ??= Populations.Of(Text) is var stated && stated != Population.None ? stated
            : Antecedent?.Population ?? Context?.At(Start) ?? Population.None;

        /// <summary>
        /// The sentence just before, when this one opens by referring back to it ("This should be 8 or more times in 24
        /// hours."): the two are read and quoted together, since alone this one does not say what it is about.
        /// </summary>
        public Candidate? Antecedent { get; init; }

        /// <summary>What the sentence says with its antecedent, as it is embedded and matched against the question.</summary>
        public string Reading => Antecedent is null ? Text : Antecedent.Text + " " + Text;

        private Population? _population;

        /// <summary>The passage's row headers and section ages, and where in the passage the sentence starts.</summary>
        public Populations.Context? Context { get; init; }

        public int Start { get; init; }

        public float[] Vector { get; set; } = [];

        /// <summary>The embedding of the sentence read with its antecedent, when it has one.</summary>
        public float[]? ReadingVector { get; set; }

        /// <summary>The numbers the sentence states (doses, ages, durations), compared between near-repeats.</summary>
        public HashSet<string> Numbers => _numbers ??= NumberRegex().Matches(ReferenceListRegex().Replace(Text, " ")).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

        private HashSet<string>? _numbers;

        /// <summary>The sentence's content words (folded, stop words aside), for overlap with the question.</summary>
        public HashSet<string> Words => _words ??= TextFolding.ContentWords(Reading);

        private HashSet<string>? _words;

        /// <summary>Other passages that state the same thing (a near-repeat sentence with the same numbers).</summary>
        public List<int> Corroborating { get; } = [];

        /// <summary>The passages this sentence is cited to: its own first, then those that corroborate it.</summary>
        public IEnumerable<int> Sources => Corroborating.Prepend(PassageNumber);
    }

    /// <summary>The chosen sentences in reading order, the best sentence's passage first (whitespace collapsed).</summary>
    internal IReadOnlyList<Candidate> Select(string question, IReadOnlyList<EvidencePassage> evidence, int max, CancellationToken cancellationToken, float[]? questionVector = null)
    {
        var candidates = new List<Candidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < evidence.Count; p++)
        {
            var position = 0;
            var headings = SectionPath.Levels(evidence[p].Section).Select(l => TextFolding.Fold(TextFolding.CollapseWhitespace(l))).ToHashSet(StringComparer.Ordinal);
            var context = new Populations.Context(evidence[p].Text, evidence[p].Section);
            Candidate? previous = null;
            foreach (var (text, start) in AnswerUnits.Located(evidence[p].Text))
            {
                // A heading repeated in the text ("Setting up a temporary cholera treatment camp") names the passage's
                // subject, which its citation shows; it is not guidance.
                var folded = TextFolding.Fold(text);
                if (!headings.Contains(folded) && seen.Add(folded))
                {
                    var antecedent = previous is not null && Anaphora.RefersBack(text) && Anaphora.Adjacent(evidence[p].Text, previous.Start, previous.Text, start) ? previous : null;
                    previous = new Candidate(evidence[p].N, p, position++, text) { Context = context, Start = start, Antecedent = antecedent };
                    candidates.Add(previous);
                }
            }
        }
        if (candidates.Count == 0)
        {
            return [];
        }

        cancellationToken.ThrowIfCancellationRequested();
        // The asking side's embedding of the question when it sent one from this model (same dimension).
        // The question is a query and the sentences are passages: asymmetric models (e5) embed them differently.
        bool reuse = questionVector is not null && questionVector.Length == _embedder.Dimension;
        var q = reuse ? questionVector! : _embedder.Embed([question], EmbeddingPurpose.Query, cancellationToken)[0];
        // Each sentence is embedded under its heading, as its chunk was (the heading is not part of the sentence's text).
        // A sentence that refers back is also embedded with its antecedent: that reading is matched against the question,
        // while near-repeats are found on the sentences themselves.
        var referringBack = candidates.Where(c => c.Antecedent is not null).ToList();
        var vectors = _embedder.Embed(candidates.Concat(referringBack).Select((c, i) => SectionPath.LastLevel(evidence[c.PassageIndex].Section) + "\n" + (i < candidates.Count ? c.Text : c.Reading)).ToList(), EmbeddingPurpose.Passage, cancellationToken);
        for (var i = 0; i < referringBack.Count; i++)
        {
            referringBack[i].ReadingVector = vectors[candidates.Count + i];
        }
        var questionWords = TextFolding.ContentWords(question);
        var wantsNumber = AsksForQuantity(question);
        // An abbreviation a passage defines is read as its long form in the other passages of its document.
        var abbreviations = evidence.GroupBy(p => p.DocumentId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Abbreviations.Defined(g.Select(p => p.Text)), StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            c.Vector = vectors[i];
            var dense = Math.Max(0, Cosine(q, c.ReadingVector ?? c.Vector));
            var passage = evidence[c.PassageIndex];
            // A sentence is read under its heading ("21.4 Vitamin A"): the heading's words count as the sentence's.
            var lexical = questionWords.Count == 0 ? 0
                : (double)Abbreviations.Expanded(c.Words.Union(TextFolding.ContentWords(SectionPath.LastLevel(passage.Section))).ToHashSet(), abbreviations[passage.DocumentId])
                    .Count(questionWords.Contains) / questionWords.Count;
            var bonus = wantsNumber && HasQuantity(c.Text) ? NumberBonus : 0;
            // A tiny prior for retrieval rank breaks ties in favour of earlier passages.
            // The passage's own similarity reads the sentence in its context (its section path is embedded with it).
            c.Score = DenseWeight * dense + LexicalWeight * lexical + bonus + PassageWeight * (passage.Similarity ?? 0) - 0.001 * c.PassageIndex
                + TopicWeight * (passage.TopicMatch ?? 0) + (passage.FromNamedGuideline ? NamedGuidelineBonus : 0)
                - (ResearchRegex().IsMatch(TextFolding.Fold(c.Text)) ? ResearchPenalty : 0)
                - (Speculates(c.Text) ? SpeculationPenalty : 0);
        }

        var asked = Populations.Of(question);
        var weights = WeightBands.Stated(question);
        var chosen = new List<Candidate>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in candidates.OrderByDescending(c => c.Score).ThenBy(c => c.PassageIndex).ThenBy(c => c.Position))
        {
            if (chosen.Count >= max)
            {
                break;
            }
            var needsAntecedent = c.Antecedent is { } a && !chosen.Contains(a);
            if (c.Score <= 0 || chosen.Contains(c) || (needsAntecedent && chosen.Count + 1 >= max) || !SamePatient(asked, weights, chosen, c))
            {
                continue;
            }
            if (chosen.Any(o => o.PassageIndex == c.PassageIndex && (o.Text.Contains(c.Text, StringComparison.Ordinal) || c.Text.Contains(o.Text, StringComparison.Ordinal))))
            {
                continue; // a list item already quoted with its lead-in, or the reverse
            }
            // A near-repeat with other numbers (another dose, age or duration) is not a repeat: both are shown.
            var repeated = chosen.FirstOrDefault(o => Cosine(o.Vector, c.Vector) > RedundancyCosine && SameNumbers(o, c));
            if (repeated is not null)
            {
                if (Corroborates(c, repeated))
                {
                    repeated.Corroborating.Add(c.PassageNumber);
                }
                continue;
            }
            if (chosen.Count > 0 && !JoinsTheAnswer(c, chosen, evidence, questionWords, covered))
            {
                continue;
            }
            if (needsAntecedent)
            {
                chosen.Add(c.Antecedent!);
            }
            chosen.Add(c);
            covered.UnionWith(c.Words);
        }
        return InReadingOrder(chosen);
    }

    /// <summary>
    /// A sentence after the first joins when it comes from a chosen section, scores nearly as well as the first, answers
    /// a question word the chosen sentences leave open, or repeats a chosen sentence with other numbers (two guidelines
    /// that disagree on a dose are both shown, each cited). From a sibling of the first sentence's section it joins only
    /// for an open word.
    /// </summary>
    private static bool JoinsTheAnswer(Candidate candidate, List<Candidate> chosen, IReadOnlyList<EvidencePassage> evidence,
        HashSet<string> questionWords, HashSet<string> covered)
    {
        if (chosen.Any(o => SameSection(evidence, o, candidate)))
        {
            return true;
        }
        // The question's numbers describe the patient ("a 2-year-old", "2 days of treatment"): repeating one answers nothing.
        var answersOpenPart = candidate.Words.Any(w => questionWords.Contains(w) && !covered.Contains(w) && w.Any(char.IsLetter));
        // A sibling of the first sentence's section (the follow-up visit for pneumonia beside the one for dysentery) is
        // about another condition, visit or population: its sentence joins only for a part of the question left open.
        if (SiblingSection(evidence, chosen[0], candidate))
        {
            return answersOpenPart;
        }
        return candidate.Score >= ElsewhereRatio * chosen[0].Score
            || answersOpenPart
            || chosen.Any(o => Cosine(o.Vector, candidate.Vector) > RedundancyCosine);
    }

    /// <summary>Two sections of one document under the same parent heading, neither the other.</summary>
    private static bool SiblingSection(IReadOnlyList<EvidencePassage> evidence, Candidate a, Candidate b)
    {
        var pa = evidence[a.PassageIndex];
        var pb = evidence[b.PassageIndex];
        if (pa.DocumentId != pb.DocumentId || pa.Section == pb.Section)
        {
            return false;
        }
        var la = SectionPath.Levels(pa.Section);
        var lb = SectionPath.Levels(pb.Section);
        return la.Count == lb.Count && la.Count >= 2 && la.Take(la.Count - 1).SequenceEqual(lb.Take(lb.Count - 1), StringComparer.Ordinal);
    }

    /// <summary>
    /// A sentence about another population than the question's is not an answer; without one in the question, the
    /// first chosen sentence sets it, so that doses for two populations are never mixed in one answer. Nor is a sentence
    /// whose weight bands do not hold the weight the question gives its patient.
    /// </summary>
    private static bool SamePatient(Population asked, IReadOnlyList<double> weights, List<Candidate> chosen, Candidate candidate)
    {
        if (Populations.Conflict(asked, candidate.Population) || WeightBands.Conflict(weights, candidate.Reading))
        {
            return false;
        }
        var anchor = asked == Population.None && chosen.Count > 0 ? chosen[0].Population : Population.None;
        return !(HasQuantity(candidate.Text) && Populations.Conflict(anchor, candidate.Population));
    }

    /// <summary>One document's section, on the same or the next pages: one passage of guidance cut in chunks.</summary>
    private static bool SameSection(IReadOnlyList<EvidencePassage> evidence, Candidate a, Candidate b)
    {
        var pa = evidence[a.PassageIndex];
        var pb = evidence[b.PassageIndex];
        return pa.DocumentId == pb.DocumentId && pa.Section == pb.Section
            && pb.Page <= pa.PageEnd + 1 && pa.Page <= pb.PageEnd + 1;
    }

    /// <summary>The best sentence's passage first, then the others in the order they were chosen; each passage's sentences as its text orders them.</summary>
    private static List<Candidate> InReadingOrder(List<Candidate> chosen)
    {
        var passageOrder = chosen.Select(c => c.PassageIndex).Distinct().ToList();
        return chosen.OrderBy(c => passageOrder.IndexOf(c.PassageIndex)).ThenBy(c => c.Position).ToList();
    }

    /// <summary>
    /// A near-repeat (same numbers) from another passage is cited as a second source of the chosen sentence,
    /// so a clinician sees that two guidelines agree; at most <see cref="MaxCorroborating"/> times.
    /// </summary>
    private static bool Corroborates(Candidate candidate, Candidate chosen) =>
        candidate.PassageNumber != chosen.PassageNumber
        && !chosen.Corroborating.Contains(candidate.PassageNumber)
        && chosen.Corroborating.Count < MaxCorroborating
        && TextFolding.WordShare(TextFolding.ContentWords(candidate.Text), TextFolding.ContentWords(chosen.Text)) >= MinCorroboratingWordShare;

    private static bool SameNumbers(Candidate a, Candidate b) => a.Numbers.SetEquals(b.Numbers);

    /// <summary>"how much", "dose", "how many", "cuánto", "combien", "posología", "dosage", ...</summary>
    internal static bool AsksForQuantity(string question) => QuantityQuestionRegex().IsMatch(TextFolding.Fold(question));

    internal static bool HasQuantity(string sentence) => QuantityRegex().IsMatch(sentence);

    /// <summary>A sentence that weighs what could or would happen and says nothing to do ("This would allow for cessation of …").</summary>
    internal static bool Speculates(string sentence)
    {
        var folded = TextFolding.Fold(sentence);
        return SpeculationRegex().IsMatch(folded) && !NormativeRegex().IsMatch(folded);
    }


    internal static double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            return 0;
        }
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    [GeneratedRegex(@"\b(how much|how many|dose|doses|dosage|dosing|posology|mg|combien|posologie|quelle quantite|cuanto|cuanta|cuantos|cuantas|dosis|posologia|cantidad)\b")]
    private static partial Regex QuantityQuestionRegex();

    [GeneratedRegex(@"\d")]
    private static partial Regex QuantityRegex();

    /// <summary>Words that report research ("randomized", "trials", "the review", "certainty of evidence").</summary>
    [GeneratedRegex(@"\b(randomi[sz]ed|randomi[sz]ation|trials?|study|studies|systematic reviews?|the review|meta-analys[ie]s|participants|enrolled|cohort|odds ratio|relative risk|confidence interval|95% ci|certainty of (the )?evidence|quality of (the )?evidence)\b")]
    private static partial Regex ResearchRegex();

    /// <summary>"could", "would", "might": what may follow from a choice, not the choice.</summary>
    [GeneratedRegex(@"\b(could|would|might)\b")]
    private static partial Regex SpeculationRegex();

    /// <summary>Words that say what to do ("should", "WHO suggests", "give", "do not").</summary>
    [GeneratedRegex(@"\b(should|must|recommends?|recommended|suggests?|give|do not|never|always)\b")]
    private static partial Regex NormativeRegex();

    [GeneratedRegex(@"\d+(?:[.,]\d+)?")]
    private static partial Regex NumberRegex();

    /// <summary>Bracketed reference numbers ("(25, 32)", "[4–6]"): where a guideline found the claim, not part of it.</summary>
    [GeneratedRegex(@"[(\[]\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*[)\]]")]
    private static partial Regex ReferenceListRegex();
}
