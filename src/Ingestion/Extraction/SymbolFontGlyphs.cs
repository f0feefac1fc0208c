using System.Collections.Frozen;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// The characters behind the Symbol and Wingdings fonts' private-use codes. Word processors write those fonts'
/// glyphs as U+F020–U+F0FF, which reads as nothing (and as a box on a clinician's screen): the Solomon Islands
/// manual's 1,045 bullets, Uganda's check marks, the essential-medicines list's "square box" for therapeutic
/// alternatives, "38.5° C". Each font has its own table; a Wingdings glyph not in it is read as a bullet, which is
/// how guidelines use dingbats. A font whose name says neither (IDSR's fonts are named "CIDFont+F1" …) gets the list
/// marks that Word writes from both fonts (Symbol's bullet, Wingdings' square, arrowhead and check mark), nothing else.
/// </summary>
internal static class SymbolFontGlyphs
{
    private const char First = '\uF020';
    private const char Last = '\uF0FF';

    private static readonly FrozenDictionary<char, string> Symbol = new Dictionary<char, string>
    {
        ['\u0022'] = "∀", ['\u0024'] = "∃", ['\u0027'] = "∋", ['\u002A'] = "∗", ['\u002D'] = "−", ['\u0040'] = "≅",
        ['\u005C'] = "∴", ['\u005E'] = "⊥", ['\u0060'] = "‾", ['\u007E'] = "∼",
        ['\u00A2'] = "′", ['\u00A3'] = "≤", ['\u00A5'] = "∞", ['\u00A7'] = "♣", ['\u00A8'] = "♦", ['\u00A9'] = "♥",
        ['\u00AA'] = "♠", ['\u00AB'] = "↔", ['\u00AC'] = "←", ['\u00AD'] = "↑", ['\u00AE'] = "→", ['\u00AF'] = "↓",
        ['\u00B0'] = "°", ['\u00B1'] = "±", ['\u00B2'] = "″", ['\u00B3'] = "≥", ['\u00B4'] = "×", ['\u00B5'] = "∝",
        ['\u00B6'] = "∂", ['\u00B7'] = "•", ['\u00B8'] = "÷", ['\u00B9'] = "≠", ['\u00BA'] = "≡", ['\u00BB'] = "≈",
        ['\u00BC'] = "…", ['\u00D6'] = "√", ['\u00D7'] = "⋅", ['\u00D8'] = "¬", ['\u00DB'] = "⇔", ['\u00DE'] = "⇒",
        ['\u00E0'] = "◊", ['\u00E5'] = "∑",
    }.Concat(Greek("ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ", 'A')).Concat(Greek("αβχδεφγηιϕκλμνοπθρστυϖωξψζ", 'a'))
        .ToFrozenDictionary();

    private static readonly FrozenDictionary<char, string> Wingdings = new Dictionary<char, string>
    {
        ['\u004A'] = "☺", ['\u004B'] = "😐", ['\u004C'] = "☹", ['\u006C'] = "●", ['\u006D'] = "❍", ['\u006E'] = "■",
        ['\u006F'] = "□", ['\u0070'] = "◻", ['\u0071'] = "❑", ['\u0072'] = "❒", ['\u0073'] = "⬧", ['\u0074'] = "⧫",
        ['\u0075'] = "◆", ['\u0076'] = "❖", ['\u0077'] = "⬥", ['\u009F'] = "•", ['\u00A1'] = "○", ['\u00A7'] = "▪",
        ['\u00A8'] = "◻", ['\u00D8'] = "➢", ['\u00DF'] = "←", ['\u00E0'] = "→", ['\u00E1'] = "↑", ['\u00E2'] = "↓",
        ['\u00E7'] = "←", ['\u00E8'] = "→", ['\u00E9'] = "↑", ['\u00EA'] = "↓", ['\u00EF'] = "⇦", ['\u00F0'] = "⇨",
        ['\u00F1'] = "⇧", ['\u00F2'] = "⇩", ['\u00FB'] = "✗", ['\u00FC'] = "✓", ['\u00FD'] = "☒", ['\u00FE'] = "☑",
    }.ToFrozenDictionary();

    /// <summary>Symbol's bullet and Wingdings' list marks, read as those fonts' tables read them.</summary>
    private static readonly FrozenDictionary<char, string> ListMarks =
        new[] { '\u00B7' }.Select(code => KeyValuePair.Create(code, Symbol[code]))
            .Concat(new[] { '\u00A7', '\u00D8', '\u00FC', '\u006C', '\u006E', '\u0071', '\u0076' }.Select(code => KeyValuePair.Create(code, Wingdings[code])))
            .ToFrozenDictionary();

    /// <summary>The letter's text, with a Symbol or Wingdings private-use code read as its character.</summary>
    public static string Read(string value, string? fontName)
    {
        if (value.Length != 1 || value[0] is < First or > Last)
        {
            return value;
        }

        var code = (char)(value[0] - 0xF000);
        if (fontName?.Contains("Wingdings", StringComparison.OrdinalIgnoreCase) == true)
        {
            return Wingdings.GetValueOrDefault(code, "•");
        }

        if (fontName?.Contains("Symbol", StringComparison.OrdinalIgnoreCase) == true)
        {
            return Symbol.GetValueOrDefault(code, value);
        }

        return ListMarks.GetValueOrDefault(code, value);
    }

    private static IEnumerable<KeyValuePair<char, string>> Greek(string letters, char first) =>
        letters.Select((letter, i) => KeyValuePair.Create((char)(first + i), letter.ToString()));
}
