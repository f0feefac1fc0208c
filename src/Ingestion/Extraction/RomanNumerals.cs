using System.Text;

namespace Meditron.Ingestion.Extraction;

internal static class RomanNumerals
{
    private static readonly (int Value, string Symbol)[] Table =
    [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ];

    public static string ToRoman(int value)
    {
        if (value is < 1 or > 3999)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        foreach (var (v, symbol) in Table)
        {
            while (value >= v)
            {
                sb.Append(symbol);
                value -= v;
            }
        }

        return sb.ToString();
    }

    /// <summary>The value of a well-formed roman numeral (either case, not mixed), or 0.</summary>
    public static int Parse(string text)
    {
        if (text.Length is 0 or > 12)
        {
            return 0;
        }

        var upper = text.ToUpperInvariant();
        if (text.Any(char.IsUpper) && text.Any(char.IsLower))
        {
            return 0;
        }

        var total = 0;
        for (var i = 0; i < upper.Length; i++)
        {
            var v = Value(upper[i]);
            if (v == 0)
            {
                return 0;
            }

            var next = i + 1 < upper.Length ? Value(upper[i + 1]) : 0;
            total += v < next ? -v : v;
        }

        return ToRoman(total) == upper ? total : 0;
    }

    private static int Value(char c) => c switch
    {
        'I' => 1, 'V' => 5, 'X' => 10, 'L' => 50, 'C' => 100, 'D' => 500, 'M' => 1000, _ => 0,
    };
}
