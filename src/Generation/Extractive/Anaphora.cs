using System.Text.RegularExpressions;
using Meditron.Generation.Citations;

namespace Meditron.Generation.Extractive;

/// <summary>
/// Sentences that open by referring back to the one before ("This should be 8 or more times in 24 hours.", "These
/// include …", "It should be given with food."): their subject is in the previous sentence.
/// </summary>
internal static partial class Anaphora
{
    /// <summary>The sentence's subject is a pronoun or demonstrative followed by its verb.</summary>
    public static bool RefersBack(string sentence) => RefersBackRegex().IsMatch(TextFolding.Fold(sentence));

    /// <summary>Nothing but white space lies between the previous unit (from <paramref name="previousStart"/>) and this one in the passage.</summary>
    public static bool Adjacent(string passage, int previousStart, string previousText, int start) =>
        previousStart < start && start <= passage.Length
        && TextFolding.CollapseWhitespace(passage[previousStart..start]).Trim() == previousText;

    // "It is" is left out: "It is recommended that …" and "It is important to …" refer to nothing before them, nor
    // does "It should be noted that …".
    // A person named by "she", "he" or "they", also in an opening clause ("If she is uncertain, …"), is named before.
    [GeneratedRegex(@"^(?:this|these|that|those|they|such)\s+(?:should|will|would|can|could|may|might|must|shall|is|are|was|were|has|have|had|does|do|means?|includes?|also|usually|often|helps?|allows?|reduces?|requires?)\b|^it\s+(?:should|will|would|can|could|may|might|must|shall)\b(?!\s+be\s+(?:noted|emphasi[sz]ed|stressed|remembered|understood))|^(?:(?:if|when|unless|once|while|after|before)\s+)?(?:she|he|they)\b")]
    private static partial Regex RefersBackRegex();
}
