using System.Text.RegularExpressions;

namespace Meditron.Core.Text;

/// <summary>
/// The marks that open a list item, known once for the page reader (a mark set apart from its item) and the sentence
/// splitter (a mark is not part of the sentence): bullets, list glyphs and enumerators ("2.", "b)", "(iv)").
/// </summary>
public static partial class ListMarks
{
    /// <summary>A list number: "2", "b", "iv", optionally opened by "(".</summary>
    public const string Enumerator = @"\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})";

    /// <summary>Characters that open a list item at a line start; dashes and "*" may also be text, so only there.</summary>
    private static readonly char[] LineBullets = ['–', '-', '*', '·'];

    /// <summary>Glyphs that only ever mark list items, so they open one even in mid-line (unlike "-" or "–").</summary>
    private static readonly char[] Glyphs = ['•', '●', '▪', '◦', '‣', '○', '■', '□', '➢', '►', '➤', '✔', '✓', '♦', '◆', '❑', '▼'];

    /// <summary>A glyph that only marks list items; PDF symbol fonts put bullets in the private use area (U+F0B7).</summary>
    public static bool IsListGlyph(char c) => Array.IndexOf(Glyphs, c) >= 0 || c is >= '\uF000' and <= '\uF0FF';

    /// <summary>A character that opens a list item at the start of a line: a list glyph, a dash or "*".</summary>
    public static bool IsBullet(char c) => IsListGlyph(c) || Array.IndexOf(LineBullets, c) >= 0;

    /// <summary>A line that is only a list mark, its item elsewhere: a bullet or list glyph, or "(f)", "2.", "iv)".</summary>
    public static bool IsBareListMark(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        line = line.Trim();
        return line.Length == 1 && IsBullet(line[0]) || BareEnumerator().IsMatch(line);
    }

    /// <summary>A list glyph or enumerator alone ("•", "(c)", "ii."), never a dash, which in a table marks an empty cell.</summary>
    public static bool IsItemMark(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length == 1 && IsListGlyph(word[0]) || BareEnumerator().IsMatch(word);
    }

    [GeneratedRegex("^" + Enumerator + "[.)]$")]
    private static partial Regex BareEnumerator();
}
