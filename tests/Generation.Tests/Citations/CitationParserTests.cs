using Meditron.Core.Text;
using Meditron.Generation.Citations;

namespace Meditron.Generation.Tests.Citations;

public class CitationParserTests
{
    private static readonly int[] OneToThree = [1, 2, 3];

    [Theory]
    [InlineData("Give amoxicillin [1].", new[] { 1 })]
    [InlineData("Give amoxicillin [1,2].", new[] { 1, 2 })]
    [InlineData("Give amoxicillin [1, 2].", new[] { 1, 2 })]
    [InlineData("Give amoxicillin [1][2].", new[] { 1, 2 })]
    [InlineData("Give amoxicillin [1-3].", new[] { 1, 2, 3 })]
    [InlineData("Give amoxicillin [2] and refer [1].", new[] { 2, 1 })]
    [InlineData("Give amoxicillin. [3]", new[] { 3 })]
    public void Well_formed_markers_are_read(string answer, int[] expected)
    {
        var sentences = CitationParser.Parse(answer, OneToThree);
        var sentence = Assert.Single(sentences);
        Assert.Equal(expected, sentence.Citations);
    }

    [Theory]
    [InlineData("Give amoxicillin [a].", "Give amoxicillin [a].")]
    [InlineData("Give amoxicillin [.", "Give amoxicillin [.")]
    [InlineData("Give amoxicillin [0].", "Give amoxicillin.")]
    [InlineData("Give amoxicillin [99].", "Give amoxicillin.")]
    [InlineData("Give amoxicillin [1-999].", "Give amoxicillin [1-999].")]
    public void Malformed_or_out_of_range_markers_cite_nothing(string answer, string expectedText)
    {
        var sentence = Assert.Single(CitationParser.Parse(answer, OneToThree));
        Assert.Empty(sentence.Citations);
        Assert.Equal(expectedText, sentence.Text);
    }

    [Fact]
    public void Out_of_range_numbers_are_dropped_from_a_marker_and_valid_ones_kept()
    {
        var sentence = Assert.Single(CitationParser.Parse("Refer urgently [2, 7].", OneToThree));
        Assert.Equal(new[] { 2 }, sentence.Citations);
        Assert.Equal("Refer urgently [2].", sentence.Text);
        Assert.Equal("Refer urgently.", sentence.PlainText);
    }

    [Fact]
    public void Uncited_sentences_have_no_citations()
    {
        var sentences = CitationParser.Parse("Give amoxicillin for 5 days [1]. Then review the child at home.", OneToThree);
        Assert.Equal(2, sentences.Count);
        Assert.Equal(new[] { 1 }, sentences[0].Citations);
        Assert.Empty(sentences[1].Citations);
        Assert.Equal("Then review the child at home.", sentences[1].Text);
    }

    [Fact]
    public void Abbreviations_and_decimals_do_not_end_sentences()
    {
        var sentences = CitationParser.Parse(
            "Give an antibiotic, e.g. amoxicillin 2.5 mg/kg, approx. twice daily [1]. Dr. Smith reviews it [2].", OneToThree);
        Assert.Equal(2, sentences.Count);
        Assert.Equal("Give an antibiotic, e.g. amoxicillin 2.5 mg/kg, approx. twice daily [1].", sentences[0].Text);
        Assert.Equal(new[] { 2 }, sentences[1].Citations);
    }

    [Fact]
    public void A_heading_line_is_not_part_of_the_sentence_below_it_but_a_wrapped_line_is()
    {
        var spans = SentenceSplitter.Split("SNAKE BITE\nIf itching develops, stop antivenom. Give adrenaline.\nKenya Subsidiary Legislation, 2024\n(2) The officer shall inform the\napplicant of the decision.");

        Assert.Equal(
            ["SNAKE BITE", "If itching develops, stop antivenom.", "Give adrenaline.", "Kenya Subsidiary Legislation, 2024",
             "The officer shall inform the\napplicant of the decision."],
            spans.Select(s => s.Text));
    }

    [Fact]
    public void A_long_heading_line_in_capitals_ends_before_prose_but_not_before_its_own_second_line_in_capitals()
    {
        var spans = SentenceSplitter.Split("Recommendations\n1. RECOMMENDATION ON BLOOD PRESSURE THRESHOLD FOR INITIATION OF PHARMACOLOGICAL TREATMENT\n"
            + "WHO recommends treatment at a systolic pressure of 140 mmHg or more. Then in the chart\nGIVE FIRST DOSE OF\nINTRAMUSCULAR ANTIBIOTICS.");

        Assert.Contains("WHO recommends treatment at a systolic pressure of 140 mmHg or more.", spans.Select(s => s.Text));
        Assert.Contains("Then in the chart\nGIVE FIRST DOSE OF\nINTRAMUSCULAR ANTIBIOTICS.", spans.Select(s => s.Text));
    }

    [Fact]
    public void A_clause_closed_by_a_semicolon_at_a_line_end_ends_before_a_capitalised_line_but_not_before_a_lower_case_one()
    {
        var spans = SentenceSplitter.Split("(a) if the asylum seeker is an unaccompanied or separated child;\nInterviews of children.\nGive ORS after each stool;\ncontinue feeding the child.");

        Assert.Equal(
            ["if the asylum seeker is an unaccompanied or separated child;", "Interviews of children.",
             "Give ORS after each stool;\ncontinue feeding the child."],
            spans.Select(s => s.Text));
    }

    [Fact]
    public void A_page_reference_does_not_end_a_sentence()
    {
        var sentences = CitationParser.Parse("Weigh the child (see p. 386) before giving the dose [1]. Review after two days [2].", OneToThree);

        Assert.Equal(["Weigh the child (see p. 386) before giving the dose [1].", "Review after two days [2]."], sentences.Select(s => s.Text));
    }

    [Fact]
    public void French_punctuation_is_handled()
    {
        var sentences = CitationParser.Parse(
            "Quelle est la dose ? Donner 2,5 mg/kg d'amoxicilline [1]. « Référer d'urgence si besoin. » [2] C'est-à-dire, p.ex. au centre [3].",
            OneToThree);
        Assert.Equal(4, sentences.Count);
        Assert.Equal("Quelle est la dose ?", sentences[0].Text);
        Assert.Equal(new[] { 1 }, sentences[1].Citations);
        Assert.Equal(new[] { 2 }, sentences[2].Citations);
        Assert.Equal(new[] { 3 }, sentences[3].Citations);
    }

    [Fact]
    public void Spanish_inverted_marks_start_sentences()
    {
        var sentences = CitationParser.Parse(
            "¿Cuál es la dosis? Administrar 2.5 mg de amoxicilina [1]. ¡Referir con urgencia si hay convulsiones! [2]", OneToThree);
        Assert.Equal(3, sentences.Count);
        Assert.Equal("¿Cuál es la dosis?", sentences[0].Text);
        Assert.Equal(new[] { 1 }, sentences[1].Citations);
        Assert.Equal("¡Referir con urgencia si hay convulsiones! [2]", sentences[2].Text);
        Assert.Equal(new[] { 2 }, sentences[2].Citations);
    }

    [Fact]
    public void Markers_are_rewritten_through_a_map()
    {
        var text = CitationParser.RewriteMarkers("A [3] and B [1-2].", n => n == 2 ? null : n * 10);
        Assert.Equal("A [30] and B [10].", text);
    }

    public static TheoryData<string, string[]> SplitCases => new()
    {
        // Blank lines, line-start bullets and headings end sentences; "5 mg." does too.
        {
            "First line of text.\n\n• Bullet one here\n• Bullet two here\nTreatment:\nGive 5 mg. Then stop.",
            ["First line of text.", "Bullet one here", "Bullet two here", "Treatment:", "Give 5 mg.", "Then stop."]
        },
        // List numbers and word-processor "o" sub-bullets are not part of a sentence; "VIH o SIDA" is Spanish "or".
        {
            "Key recommendations:\n2. Use soap and water when hands are soiled.\nb) Before contact with a patient.\nRubs are recommended o If hands are dirty wash them o Let the rub dry. Give 2.5 mg. Dar VIH o SIDA tratamiento.",
            ["Key recommendations:", "Use soap and water when hands are soiled.", "Before contact with a patient.", "Rubs are recommended", "If hands are dirty wash them", "Let the rub dry.", "Give 2.5 mg.", "Dar VIH o SIDA tratamiento."]
        },
        // Inline list numbers after ":" or ";" do not end the lead-in or an item; "Give 2. Then" still ends at "2.".
        {
            "Contacts are persons who: 1. Sleep in the same household; 2. Touch the case. Give 2. Then stop.",
            ["Contacts are persons who: 1. Sleep in the same household; 2. Touch the case.", "Give 2.", "Then stop."]
        },
        // Bullets inside a line, also PDF symbol-font bullets (U+F0B7), start sentences; "2–3" and " - " are not list marks.
        {
            "Essential features are: • feeds every 2–3 h • 130 ml/kg per day \uF0B7 Do not use water for injection \uF0B7 Use within 1 hour - not later",
            ["Essential features are:", "feeds every 2–3 h", "130 ml/kg per day", "Do not use water for injection", "Use within 1 hour - not later"]
        },
    };

    [Theory]
    [MemberData(nameof(SplitCases))]
    public void Sentences_are_exact_spans_of_the_source_without_list_marks(string text, string[] expected)
    {
        var spans = SentenceSplitter.Split(text);
        Assert.All(spans, s => Assert.Equal(s.Text, text.Substring(s.Start, s.Length)));
        Assert.Equal(expected, spans.Select(s => s.Text));
    }

    [Theory]
    [InlineData("(f)", true)]
    [InlineData(" iv) ", true)]
    [InlineData("2.", true)]
    [InlineData("•", true)]
    [InlineData("\uF0B7", true)]
    [InlineData("(f) Give ORS", false)]
    [InlineData("2.5", false)]
    [InlineData("HIV", false)]
    public void A_bare_list_mark_is_a_list_mark_with_nothing_after_it(string line, bool bare) =>
        Assert.Equal(bare, ListMarks.IsBareListMark(line));
}
