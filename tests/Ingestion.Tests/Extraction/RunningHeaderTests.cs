using Meditron.Ingestion.Extraction;

namespace Meditron.Ingestion.Tests.Extraction;

public sealed class RunningHeaderTests
{
    private const double PageHeight = 842;

    [Fact]
    public void A_header_set_just_below_the_margin_zone_is_removed_when_it_repeats_word_for_word()
    {
        var pages = Enumerable.Range(1, 10).Select(n => Page(n, ("Kenya Subsidiary Legislation, 2024", 110), ((254 + n).ToString(System.Globalization.CultureInfo.InvariantCulture), 110),
            ("The Refugee Officer shall inform the asylum seeker of the centres.", 145))).ToList();

        RunningHeaderFilter.Apply(pages);

        Assert.All(pages, p => Assert.True(p.MarginLines.Single(l => l.Text.StartsWith("Kenya", StringComparison.Ordinal)).Removed));
        Assert.All(pages, p => Assert.DoesNotContain(p.MarginLines, l => l.Text.StartsWith("The Refugee", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_heading_that_opens_several_pages_below_the_margin_zone_is_kept()
    {
        // "Recommendation 6" opens three pages of a 20-page guideline: not a running header, though its digits aside it repeats.
        var pages = Enumerable.Range(1, 20).Select(n => Page(n, ($"Recommendation {(n <= 3 ? 6 : n + 10)}", 110), ("Deworming should be delivered with hygiene promotion.", 145))).ToList();

        RunningHeaderFilter.Apply(pages);

        Assert.All(pages, p => Assert.DoesNotContain(p.MarginLines, l => l.Removed));
    }

    [Fact]
    public void A_running_title_in_big_type_is_kept_only_where_it_first_appears_when_it_repeats_word_for_word()
    {
        // The essential medicines list tops every page with its title in 14 pt; a guideline opens each chapter with "CHAPTER n".
        var pages = Enumerable.Range(1, 20).Select(n => Page(n, 16, ("WHO Model List of Essential Medicines – 23rd List (2023)", 36),
            (n % 5 == 1 ? $"CHAPTER {(n / 5) + 1}" : "Medicines for pain and palliative care", 60), ("Tablet: 100 mg to 500 mg. Injection: 10 mg/ml in 1 ml ampoule. Oral liquid: 125 mg/5 ml.", 300),
            ("Therapeutic alternatives: any medicine of the same class with the same indications.", 320))).ToList();

        RunningHeaderFilter.Apply(pages);

        Assert.All(pages.Skip(1), p => Assert.True(p.MarginLines.Single(l => l.Text.StartsWith("WHO Model List", StringComparison.Ordinal)).Removed));
        Assert.All(pages.Where(p => p.Number % 5 == 1), p => Assert.False(p.MarginLines.Single(l => l.Text.StartsWith("CHAPTER", StringComparison.Ordinal)).Removed));
        // A title printed atop every page of its chapter opens the chapter on its first page.
        var title = pages.Select(p => p.MarginLines.SingleOrDefault(l => l.Text.StartsWith("Medicines for pain", StringComparison.Ordinal))).OfType<LayoutLine>().ToList();
        Assert.False(title[0].Removed);
        Assert.All(title.Skip(1), l => Assert.True(l.Removed));
    }

    private static LayoutPage Page(int number, params (string Text, double Top)[] lines) => Page(number, 10, lines);

    /// <summary>A page whose margin lines are set in <paramref name="marginSize"/> points over 10-point body text.</summary>
    private static LayoutPage Page(int number, double marginSize, params (string Text, double Top)[] lines)
    {
        var page = new LayoutPage(number, PageHeight);
        var laid = lines.Select(l => new LayoutLine([new PageWord(l.Text, 100, 400, l.Top, l.Top + 10, l.Top < 100 ? marginSize : 10, false)])).ToList();
        MarginZones.Assign(laid, PageHeight);
        page.MarginLines.AddRange(laid.Where(l => l.MarginZone != 0));
        page.Blocks.Add(new LayoutBlock(LayoutBlockKind.Text, laid));
        return page;
    }
}
