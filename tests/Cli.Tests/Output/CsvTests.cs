using Meditron.Cli.Output;

namespace Meditron.Cli.Tests.Output;

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData(" spaced ", " spaced ")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"no\"", "\"say \"\"no\"\"\"")]
    [InlineData("\"", "\"\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("cr\r\nlf", "\"cr\r\nlf\"")]
    [InlineData("« vérifier » 儿童;", "« vérifier » 儿童;")]
    public void A_field_is_quoted_only_when_it_must_be(string? value, string expected) => Assert.Equal(expected, Csv.Field(value));

    [Fact]
    public void Records_read_back_exactly_as_written()
    {
        string[][] rows =
        [
            ["createdAt", "comment", "question"],
            ["2026-01-15T09:30:00Z", "Page 12, not 14 — \"75 ml/kg\".\r\nSecond line\nthird", ""],
            [",", "\"\"", "\n"],
        ];

        string text = string.Concat(rows.Select(r => Csv.Record(r)));

        Assert.Equal(rows.Select(r => r.ToList()), CsvRecords.Parse(text));
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-2 mg", "'-2 mg")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("Give 75 ml/kg = 1 dose", "Give 75 ml/kg = 1 dose")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Free_text_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(string? text, string? expected) =>
        Assert.Equal(expected, FeedbackCsv.SpreadsheetText(text));
}
