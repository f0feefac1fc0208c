using Meditron.Ingestion.Extraction;

namespace Meditron.Ingestion.Tests.Extraction;

/// <summary>Side notes in small type beside the clauses of a regulation (the Kenya refugee regulations).</summary>
public sealed class SideNotesTests
{
    [Fact]
    public void A_side_note_becomes_the_heading_of_the_clause_beside_it()
    {
        using var builder = new TestPdf();
        var pdf = builder.NewPage()
            .Lines(50, 200,
                "5. (1) An asylum seeker who has been referred for onward mover",
                "assessment shall be interviewed to determine the facts of the case.",
                "(2) The Refugee Officers shall recommend to the Commissioner.")
            .Text("PART III—APPLICATION FOR REFUGEE STATUS", 120, 250)
            .Lines(50, 274,
                "6. (1) An asylum seeker who has applied for refugee status shall",
                "be issued with an asylum seeker pass set out in Form 2.",
                "(2) A pass issued under subregulation (1) shall specify the time.")
            .Text("Onward movers", 420, 200, 8)
            .Text("assessment.", 420, 209, 8)
            .Text("Asylum seeker", 420, 274, 8)
            .Text("pass.", 420, 283, 8)
            .Text("1 A footnote set in small type across the whole width of the text of the page, below it.", 50, 340, 8)
            .Build();

        var blocks = TestPdf.Extract(pdf).Pages[0].Blocks;

        Assert.Equal(["Onward movers assessment", "Asylum seeker pass"], blocks.Where(b => b.Kind == BlockKind.Heading).Select(b => b.Text));
        Assert.Equal("Onward movers assessment", Assert.Single(blocks, b => b.Text.StartsWith("5. (1)", StringComparison.Ordinal)).Section);
        var clause6 = Assert.Single(blocks, b => b.Text.StartsWith("6. (1)", StringComparison.Ordinal));
        Assert.Equal("Asylum seeker pass", clause6.Section);
        Assert.EndsWith("shall specify the time.", clause6.Text, StringComparison.Ordinal);
        Assert.Equal(BlockKind.Paragraph, Assert.Single(blocks, b => b.Text.StartsWith("1 A footnote", StringComparison.Ordinal)).Kind);
        Assert.DoesNotContain(blocks, b => b.Kind == BlockKind.Paragraph && b.Text.Contains("Asylum seeker pass", StringComparison.Ordinal));
    }
}
