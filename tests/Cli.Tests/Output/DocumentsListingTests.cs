using Meditron.Cli.Output;
using Spectre.Console;

namespace Meditron.Cli.Tests.Output;

public sealed class DocumentsListingTests
{
    private static DocumentEntry Entry(string file, string title, string status = "indexed", string? reason = null) =>
        new("doc_1", file, "who-malaria", "2023", "WHO", title, "en", status, reason, 12, 40, status == "indexed", 1);

    [Fact]
    public void Each_document_is_one_line_with_aligned_columns_whatever_its_length()
    {
        string longTitle = string.Join(' ', Enumerable.Repeat("Guidelines for the clinical management of severe illness", 6));
        var lines = DocumentsListing.Lines([Entry("short.pdf", "Malaria"), Entry("a_much_longer_file_name.pdf", longTitle)]).ToList();

        Assert.Equal(3, lines.Count);
        Assert.Equal("guideline    edition  current  status   pages  chunks  publisher  title", lines[0][..71]);
        Assert.EndsWith("short.pdf", lines[1], StringComparison.Ordinal);
        Assert.Contains(longTitle, lines[2], StringComparison.Ordinal);
        Assert.EndsWith("a_much_longer_file_name.pdf", lines[2], StringComparison.Ordinal);
        int fileColumn = lines[0].IndexOf("file", StringComparison.Ordinal);
        Assert.Equal(fileColumn, lines[1].IndexOf("short.pdf", StringComparison.Ordinal));
        Assert.Equal(fileColumn, lines[2].IndexOf("a_much_longer_file_name.pdf", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.Equal(line.TrimEnd(), line));
    }

    [Fact]
    public void A_failed_documents_reason_comes_last_on_its_line()
    {
        var lines = DocumentsListing.Lines([Entry("good.pdf", "Malaria"), Entry("bad.pdf", "Cholera", "failed", "The PDF has no pages.")]).ToList();

        Assert.EndsWith("reason", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("good.pdf  -", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("bad.pdf   The PDF has no pages.", lines[2], StringComparison.Ordinal);
        Assert.Contains(" failed ", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void In_an_80_column_terminal_a_document_shows_its_title_publisher_file_and_reason_on_whole_lines()
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 80;

        console.Write(DocumentsListing.Terminal([
            Entry("who_malaria_guidelines_2023.pdf", "WHO guidelines for malaria"),
            Entry("broken.pdf", "Cholera", "failed", "The PDF has no pages."),
        ]));

        string[] lines = output.ToString().Split('\n').Select(l => l.TrimEnd()).ToArray();
        Assert.All(lines, line => Assert.True(line.Length <= 80, line));
        Assert.Contains("who-malaria  edition 2023  indexed  current", lines);
        Assert.Contains("  WHO guidelines for malaria", lines);
        Assert.Contains("  publisher WHO  12 pages, 40 chunks  file who_malaria_guidelines_2023.pdf", lines);
        Assert.Contains("who-malaria  edition 2023  failed", lines);
        Assert.Contains("  The PDF has no pages.", lines);
    }
}
