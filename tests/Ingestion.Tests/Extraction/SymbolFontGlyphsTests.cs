using Meditron.Ingestion.Extraction;

namespace Meditron.Ingestion.Tests.Extraction;

public sealed class SymbolFontGlyphsTests
{
    [Theory]
    [InlineData("\uF0B7", "OTOAOJ+Symbol", "•")]
    [InlineData("\uF0B0", "Symbol", "°")]
    [InlineData("\uF0B3", "SymbolMT", "≥")]
    [InlineData("\uF06D", "Symbol", "μ")]
    [InlineData("\uF0A7", "OTOAOJ+Wingdings", "▪")]
    [InlineData("\uF0FC", "ABCDEE+Wingdings", "✓")]
    [InlineData("\uF06F", "BCDMEE+Wingdings-Regular", "□")]
    [InlineData("\uF0E8", "Wingdings", "→")]
    public void A_private_use_code_of_a_symbol_font_is_read_as_its_character(string value, string font, string expected) =>
        Assert.Equal(expected, SymbolFontGlyphs.Read(value, font));

    [Fact]
    public void A_wingdings_glyph_without_a_known_character_is_read_as_a_bullet() =>
        Assert.Equal("•", SymbolFontGlyphs.Read("\uF0CB", "Wingdings"));

    [Theory]
    [InlineData("\uF0A7", "CIDFont+F1", "▪")]
    [InlineData("\uF0B7", null, "•")]
    public void A_font_that_does_not_say_which_it_is_gets_the_list_marks_of_both(string value, string? font, string expected) =>
        Assert.Equal(expected, SymbolFontGlyphs.Read(value, font));

    [Theory]
    [InlineData("\uF02D", "RXGIFA+Avenir-Roman")]
    [InlineData("a", "Symbol")]
    [InlineData("\uE000", "Wingdings")]
    public void Other_fonts_and_codes_are_left_as_they_are(string value, string? font) =>
        Assert.Equal(value, SymbolFontGlyphs.Read(value, font));
}
