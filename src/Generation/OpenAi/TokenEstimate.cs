using System.Text;

namespace Meditron.Generation.OpenAi;

/// <summary>
/// A conservative token count for a server whose tokenizer is not available here. Current tokenizers
/// average 3.5–4.5 bytes of English, French or Spanish text per token, and a CJK character (3 UTF-8 bytes)
/// is rarely less than one token, so text counts one token per 3 UTF-8 bytes. Digits count one token each,
/// because Llama, Mistral and Qwen tokenizers split numbers into single digits and guidelines are dense in
/// doses. The estimate is meant to be high: the evidence may leave part of the window unused rather than
/// make the server reject the prompt as too long.
/// </summary>
internal static class TokenEstimate
{
    /// <summary>Tokens the server's chat template adds around the system and user messages (role markers, BOS), rounded up.</summary>
    public const int ChatOverhead = 32;

    public static int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
                digits++;
        }
        return digits + (Encoding.UTF8.GetByteCount(text) - digits + 2) / 3;
    }
}
