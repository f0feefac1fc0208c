using Meditron.Ingestion.Extraction;

namespace Meditron.Ingestion.Tests.Extraction;

/// <summary>
/// Headings that the PDF draws in pieces: letters spaced apart (a space kerned back out, "T riage", "Co ntents" in the
/// WHO pocket book, where the letter after the space is drawn where the space starts, and letter-spaced capitals), and
/// large type whose leading is wider than a body line.
/// </summary>
public sealed class SplitHeadingTests
{
    [Theory]
    [InlineData("T ", "riage and emergency conditions", "Triage and emergency conditions")]
    [InlineData("Co ", "ntents", "Contents")]
    [InlineData("D ", "iagnostic approaches to the sick child", "Diagnostic approaches to the sick child")]
    public void A_space_kerned_back_out_does_not_split_the_heading(string before, string after, string heading)
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .KernedText(before, 278, after, 50, 80)
            .Lines(50, 120, TestPdf.Body(1), "and continues with the next step of the assessment")
            .Build();

        var blocks = TestPdf.Extract(pdf).Pages[0].Blocks;

        Assert.Equal(heading, Assert.Single(blocks, b => b.Kind == BlockKind.Heading).Text);
        Assert.Equal(heading, Assert.Single(blocks, b => b.Kind == BlockKind.Paragraph).Section);
    }

    [Fact]
    public void A_space_that_takes_its_room_still_separates_words()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .KernedText("A ", 40, "child with fever", 50, 80) // kerned a little, as body text often is: still a space
            .Lines(50, 120, TestPdf.Body(1), "Give vitamin A and zinc to the child")
            .Build();

        var document = TestPdf.Extract(pdf);

        Assert.Equal("A child with fever", Assert.Single(document.Pages[0].Blocks, b => b.Kind == BlockKind.Heading).Text);
        Assert.Contains("Give vitamin A and zinc to the child", TestPdf.AllText(document), StringComparison.Ordinal);
    }

    [Fact]
    public void Letter_spaced_capitals_are_read_as_their_words()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .TrackedText("EMERGENCY SIGNS", 3.5, 50, 80, size: 14)
            .Lines(50, 120, TestPdf.Body(1), "and continues with the next step of the assessment")
            .NewPage()
            .Text("E M E R G E N C Y   T R E A T M E N T", 50, 80, 14, bold: true)
            .Lines(50, 120, TestPdf.Body(2), "and continues with the next step of the assessment")
            .Build();

        var pages = TestPdf.Extract(pdf).Pages;

        Assert.Equal("EMERGENCY SIGNS", Assert.Single(pages[0].Blocks, b => b.Kind == BlockKind.Heading).Text);
        Assert.Equal("EMERGENCY TREATMENT", Assert.Single(pages[1].Blocks, b => b.Kind == BlockKind.Heading).Text);
    }

    [Theory]
    [InlineData("A child with fever")]
    [InlineData("Give vitamin A B and C")]
    [InlineData("Hepatitis A, B, C and D")]
    [InlineData("Airway: A B C")]
    public void Single_letters_in_ordinary_text_stay_apart(string text)
    {
        var row = Words(text, letterGap: 0.6, spaceGap: 2.8, size: 10);

        var joined = LetterSpacing.Join(row);

        Assert.Equal(text, string.Join(' ', joined.Select(w => w.Text)));
    }

    [Fact]
    public void Spaced_capitals_are_cut_into_words_at_the_wider_gaps()
    {
        // Each capital its own word, 3 pt apart; the words 9 pt apart.
        var row = new List<PageWord>();
        var x = 10.0;
        foreach (var word in new[] { "SEVERE", "ACUTE", "MALNUTRITION" })
        {
            foreach (var letter in word)
            {
                row.Add(new PageWord(letter.ToString(), x, x + 7, 0, 10, 10, true));
                x += 10;
            }

            x += 6;
        }

        Assert.Equal(["SEVERE", "ACUTE", "MALNUTRITION"], LetterSpacing.Join(row).Select(w => w.Text));
    }

    [Fact]
    public void Column_letters_far_apart_are_not_joined()
    {
        var row = new List<PageWord>();
        for (var i = 0; i < 5; i++)
        {
            row.Add(new PageWord(((char)('A' + i)).ToString(), 50 + (i * 40), 57 + (i * 40), 0, 10, 10, false));
        }

        Assert.Equal(["A", "B", "C", "D", "E"], LetterSpacing.Join(row).Select(w => w.Text));
    }

    /// <summary>Words of <paramref name="text"/> laid out left to right: letters <paramref name="letterGap"/> apart inside a word, words <paramref name="spaceGap"/> apart.</summary>
    private static List<PageWord> Words(string text, double letterGap, double spaceGap, double size)
    {
        var row = new List<PageWord>();
        var x = 0.0;
        foreach (var word in text.Split(' '))
        {
            var width = word.Length * ((0.55 * size) + letterGap);
            row.Add(new PageWord(word, x, x + width, 0, size, size, false));
            x += width + spaceGap;
        }

        return row;
    }

    [Fact]
    public void A_large_heading_on_two_lines_is_one_heading()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Text("6. Verification of interruption of", 50, 80, 36)
            .Text("transmission", 50, 123, 36) // leading of 43 pt: wider than a body line, tight for 36 pt type
            .Lines(50, 170, TestPdf.Body(1), TestPdf.Body(2), TestPdf.Body(3), TestPdf.Body(4), TestPdf.Body(5))
            .Build();

        var blocks = TestPdf.Extract(pdf).Pages[0].Blocks;

        const string heading = "6. Verification of interruption of transmission";
        Assert.Equal(heading, Assert.Single(blocks, b => b.Kind == BlockKind.Heading).Text);
        Assert.All(blocks.Where(b => b.Kind == BlockKind.Paragraph), b => Assert.Equal(heading, b.Section));
    }
}
