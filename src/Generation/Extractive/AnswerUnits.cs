using System.Text.RegularExpressions;
using Meditron.Core.Text;
using Meditron.Generation.Citations;

namespace Meditron.Generation.Extractive;

/// <summary>
/// The pieces of a passage an extractive answer may quote: its sentences, except that a lead-in ending in
/// ":" ("Contacts are defined as persons who:") is quoted together with the list items that follow it, since
/// alone it answers nothing and each item alone lacks its subject. Grids of bare numbers (form columns,
/// axis ticks), title blocks (a cover's words stacked line by line), numbered section headings ("6.2.1 Convene
/// the … committee"), headings in capitals, captions of figures and tables, the fields of a filled-in form, questions
/// (other than those the health worker is told to ask) and text addressed to a model are never answers. A table row is read with its column headers (<see cref="TableRows"/>);
/// every other unit is a span of the passage.
/// </summary>
internal static partial class AnswerUnits
{
    public const int MinWords = 4;
    public const int MaxWords = 90;

    /// <summary>List items merged into their lead-in at most.</summary>
    private const int MaxListItems = 8;

    public static IEnumerable<string> Of(string passage) => Located(passage).Select(u => u.Text);

    /// <summary>The units with where each starts in the passage (a table's whole text at its first row); none from an example form.</summary>
    public static IEnumerable<(string Text, int Start)> Located(string passage)
    {
        // The text around each example form is read on its own, so that a sentence never runs into a form's last field.
        var from = 0;
        foreach (var form in FormExamples.Find(passage).Append((Start: passage.Length, End: passage.Length)))
        {
            foreach (var (text, start) in AllUnits(passage[from..form.Start]))
            {
                yield return (text, from + start);
            }
            from = form.End;
        }
    }

    private static IEnumerable<(string Text, int Start)> AllUnits(string passage)
    {
        // A table's rows are read with their headers; the text around the tables is read in sentences.
        var from = 0;
        foreach (var (start, end) in TableRows.Find(passage))
        {
            foreach (var unit in Sentences(passage, from, start))
            {
                yield return unit;
            }
            var rows = TableRows.Read(passage, start, end).ToList();
            // A small table whole, for questions about several of its rows ("day 1, day 2 and day 3"), then each row.
            var whole = TextFolding.CollapseWhitespace(string.Join(TableRows.RowSeparator, rows.Select(r => r.Text)));
            if (rows.Count is >= 2 and <= MaxListItems && SentenceSplitter.Split(whole).Count == 1 && IsQuotableRow(whole))
            {
                yield return (whole, start);
            }
            foreach (var row in rows)
            {
                var text = TextFolding.CollapseWhitespace(row.Text);
                if (SentenceSplitter.Split(text).Count > 1)
                {
                    // Cells of prose: read as sentences, since an answer sentence must stay one sentence.
                    foreach (var unit in Sentences(passage, row.Start, row.Start + row.Line.Length))
                    {
                        yield return unit;
                    }
                }
                else if (IsQuotableRow(text))
                {
                    yield return (text, row.Start);
                }
            }
            from = end;
        }
        foreach (var unit in Sentences(passage, from, passage.Length))
        {
            yield return unit;
        }
    }

    private static IEnumerable<(string Text, int Start)> Sentences(string whole, int from, int to)
    {
        var passage = whole[from..to];
        var spans = SentenceSplitter.Split(passage);
        for (var s = 0; s < spans.Count; s++)
        {
            var end = s;
            if (IsLeadIn(spans[s].Text))
            {
                // Extend over the items while they fit; stop at the next heading, caption, form fields or lead-in, and,
                // once the items are marked (bullets, "(a)"), at the first sentence without a mark: the list has ended.
                var marked = false;
                while (end + 1 < spans.Count && end - s < MaxListItems && !IsLeadIn(spans[end + 1].Text) && !IsHeading(spans[end + 1].Text)
                    && !IsFormFields(TextFolding.CollapseWhitespace(spans[end + 1].Text))
                    && !(marked && !IsMarked(passage, spans, end + 1))
                    && TextFolding.CountWords(passage[spans[s].Start..(spans[end + 1].Start + spans[end + 1].Length)]) <= MaxWords)
                {
                    end++;
                    marked |= IsMarked(passage, spans, end);
                }
            }
            var span = passage[spans[s].Start..(spans[end].Start + spans[end].Length)];
            if (IsTitleBlock(span))
            {
                continue; // never quoted, whole or in pieces
            }
            // A list keeps its short items; a sentence is cut at the stacks of labels around it (LabelStacks).
            var pieces = end == s ? LabelStacks.Pieces(span) : [(0, span.Length)];
            foreach (var (start, length) in pieces)
            {
                var raw = WithoutDanglingEnd(span.Substring(start, length));
                var text = TextFolding.CollapseWhitespace(raw);
                if (IsQuotable(text) && !IsTitleBlock(raw) && !IsHeading(text) && !(end == s && IsEmptyLeadIn(text)))
                {
                    yield return (text, from + spans[s].Start + start);
                }
            }
        }
    }

    /// <summary>Words a line in capitals has at least to be taken for a heading at a unit's end ("HIV" may end a wrapped line).</summary>
    private const int EndHeadingWords = 2;

    /// <summary>
    /// The unit without the lines that end it and say nothing: a list mark whose item is not there ("(f)", the item on
    /// the next page or column) or a heading in capitals that belongs to what follows ("PLAN B", a running title).
    /// </summary>
    internal static string WithoutDanglingEnd(string raw)
    {
        while (true)
        {
            var trimmed = raw.TrimEnd();
            var lastBreak = trimmed.LastIndexOf('\n');
            if (lastBreak <= 0)
            {
                return raw;
            }
            var line = trimmed[(lastBreak + 1)..].Trim();
            var danglingHeading = IsCapitalsHeading(line) && TextFolding.CountWords(line) >= EndHeadingWords;
            if (!ListMarks.IsBareListMark(line) && !danglingHeading)
            {
                return raw;
            }
            raw = trimmed[..lastBreak];
        }
    }

    private static bool IsLeadIn(string sentence) => sentence.TrimEnd().EndsWith(':');

    /// <summary>A bullet or list number opens span <paramref name="k"/> (in the gap after the span before it).</summary>
    private static bool IsMarked(string passage, IReadOnlyList<SentenceSpan> spans, int k) =>
        SentenceSplitter.OpensWithMark(passage, spans[k - 1].Start + spans[k - 1].Length, spans[k]);

    /// <summary>
    /// A lead-in whose list did not follow it ("The following further steps should be taken:") says nothing; one that
    /// states a number ("Give a total of 100 ml/kg Ringer's lactate divided into two periods as below:") does.
    /// </summary>
    private static bool IsEmptyLeadIn(string text) => IsLeadIn(text) && !text.Any(char.IsDigit);

    private static bool IsQuotable(string text) => IsQuotableRow(text) && !IsNumberGrid(text) && !SentenceSplitter.IsNumberedHeading(text) && !IsFormFields(text) && !IsQuestion(text);

    /// <summary>
    /// A sentence cut where its page or passage ended ("Exchange transfusion if baby has gestational age &lt; 37 wks AND age
    /// is", "… relating to immigration or management of alien persons in"): it ends, without a stop, on a word no sentence
    /// ends on (an article, a preposition, a conjunction, an auxiliary), so its claim is not all there.
    /// </summary>
    internal static bool IsCutShort(string text) => CutShortRegex().IsMatch(TextFolding.Fold(text));

    /// <summary>
    /// A question the guideline asks itself or its reviewers ("Should cardiovascular risk assessment be used to guide
    /// initiation …?", a PICO question) answers nothing; one the health worker is told to ask ("ASK: Does the child have
    /// diarrhoea?") is guidance.
    /// </summary>
    internal static bool IsQuestion(string text) => text.TrimEnd().EndsWith('?') && !AskInstructionRegex().IsMatch(TextFolding.Fold(text));

    /// <summary>Within the word bounds, whole and not addressed to a model: all a table row read with its headers needs (its numbers are doses, ages and thresholds, never a grid).</summary>
    private static bool IsQuotableRow(string text)
    {
        var words = TextFolding.CountWords(text);
        return words >= MinWords && words <= MaxWords && !LooksLikeInstruction(text) && !IsCutShort(text);
    }

    /// <summary>Lines a title block has at least, and words its lines mostly have at most.</summary>
    private const int TitleBlockLines = 4;

    private const int TitleLineWords = 3;

    /// <summary>
    /// Mostly lines of one to three words, none a list item: a cover's or a chart's words stacked one above the other
    /// ("WHO guidelines / for malaria / 13 August 2025 / World Health / Organization"), not a sentence of guidance.
    /// </summary>
    private static bool IsTitleBlock(string raw)
    {
        var lines = raw.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < TitleBlockLines || lines.Any(SentenceSplitter.StartsListItem) || lines.Any(l => l.EndsWith(':')))
        {
            return false;
        }
        return lines.Count(l => TextFolding.CountWords(l) <= TitleLineWords) * 4 >= lines.Length * 3;
    }

    private static bool IsHeading(string text) => IsCapitalsHeading(text) || IsCaption(TextFolding.CollapseWhitespace(text));

    /// <summary>Words a form field's value has at most ("37.5 °C", "18 months", "Fatima").</summary>
    private const int FieldValueWords = 3;

    /// <summary>
    /// Two form fields or more and nothing else ("Temperature: 37.5 °C Follow-up Visit?", "Name: Fatima Age: 18
    /// months"): a filled-in form shown as an example, not guidance. A label is one to three words before ":" or "?",
    /// the first capitalised and not in capitals ("ASK:" is an instruction); each value is a few words and no sentence,
    /// so "Dosage: 60 mg/m² daily for 4 weeks." is guidance.
    /// </summary>
    internal static bool IsFormFields(string text)
    {
        var labels = FieldLabelRegex().Matches(text);
        if (labels.Count < 2 || labels[0].Index > 0)
        {
            return false;
        }
        for (var i = 0; i < labels.Count; i++)
        {
            var valueEnd = i + 1 < labels.Count ? labels[i + 1].Index : text.Length;
            var value = text[(labels[i].Index + labels[i].Length)..valueEnd];
            if (TextFolding.CountWords(value) > FieldValueWords || value.TrimEnd().EndsWith('.'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// A line in capitals without closing punctuation ("BROKEN THIGH OR HIP BONE"): a heading the layout did not
    /// recognise, which names what follows and answers nothing.
    /// </summary>
    private static bool IsCapitalsHeading(string text) => !EndsSentence(text) && TextFolding.IsInCapitals(text);

    /// <summary>A figure's, table's or example's caption without a sentence after it ("EXAMPLE 25: TOP PART OF A SCHEDULE …").</summary>
    internal static bool IsCaption(string text) => !EndsSentence(text) && CaptionRegex().IsMatch(TextFolding.Fold(text));

    private static bool EndsSentence(string text) => text.TrimEnd(')', '"', '”', '’', ' ') is { Length: > 0 } t && t[^1] is '.' or '!' or '?' or ':';

    /// <summary>Mostly bare numbers and no table cells: a form grid or a chart's ticks, not a statement.</summary>
    private static bool IsNumberGrid(string text)
    {
        if (text.Contains(TableRows.CellSeparator, StringComparison.Ordinal))
        {
            return false; // a table row: its numbers are doses and ages
        }
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return tokens.Count(t => BareNumber().IsMatch(t)) * 2 > tokens.Length;
    }

    /// <summary>Text addressed to a model rather than a clinician ("ignore previous instructions") is never quoted as an answer.</summary>
    internal static bool LooksLikeInstruction(string sentence) => InstructionRegex().IsMatch(TextFolding.Fold(sentence));

    [GeneratedRegex(@"\s(?:a|an|the|of|to|in|on|at|by|for|with|from|into|per|as|and|or|but|nor|if|than|that|whose|is|are|was|were|be|been|has|have|had|de|la|le|les|des|du|et|ou|el|los|las|y|del|con|por|para)\s*$")]
    private static partial Regex CutShortRegex();

    [GeneratedRegex(@"^(figure|fig\.|table|tableau|cuadro|figura|example|exemple|ejemplo|box|encadre|chart|annex|annexe|anexo)\s*\d+[a-z]?\b")]
    private static partial Regex CaptionRegex();

    [GeneratedRegex(@"(?<=^|\s)\p{Lu}\p{Ll}[\p{L}-]*(?:\s[\p{L}-]+){0,2}[:?](?=\s|$)")]
    private static partial Regex FieldLabelRegex();

    [GeneratedRegex(@"^\W*(ask|look|check|find out|demandez|pregunte)\b|\bask\s*:")]
    private static partial Regex AskInstructionRegex();

    [GeneratedRegex(@"^\d+[.,;:)]?$")]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|prompt|rules|above)\b|\bsystem prompt\b|\byou are (an? )?(ai|assistant|language model|chatbot)\b|\b(ignorez|ignora|ignore[sz]?)\b.{0,40}\b(instructions|instrucciones)\b")]
    private static partial Regex InstructionRegex();
}
