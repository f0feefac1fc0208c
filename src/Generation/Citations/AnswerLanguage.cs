namespace Meditron.Generation.Citations;

/// <summary>The language of fixed answer sentences (abstentions): "en", "fr" or "es".</summary>
public static class AnswerLanguage
{
    private static readonly HashSet<string> French = new(StringComparer.Ordinal)
    {
        "le", "la", "les", "des", "du", "une", "est", "quelle", "quel", "quels", "quelles", "comment", "combien",
        "pour", "chez", "enfant", "avec", "dans", "que", "qu", "faut", "doit", "traitement", "dose", "au", "aux", "et",
    };

    private static readonly HashSet<string> Spanish = new(StringComparer.Ordinal)
    {
        "el", "los", "las", "una", "es", "cual", "cuales", "como", "cuanto", "cuanta", "para", "con", "en", "que",
        "del", "nino", "ninos", "tratamiento", "dosis", "se", "y", "debe", "hay",
    };

    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "the", "what", "which", "how", "is", "are", "for", "with", "of", "in", "should", "dose", "child", "treatment",
        "and", "a", "an", "when", "much", "many", "does", "do",
    };

    /// <summary>The hint when it is en/fr/es, otherwise a guess from the question's words.</summary>
    public static string Resolve(string? hint, string question)
    {
        if (hint is { Length: >= 2 })
        {
            var code = hint[..2].ToLowerInvariant();
            if (code is "en" or "fr" or "es")
            {
                return code;
            }
        }
        return Detect(question ?? string.Empty);
    }

    public static string Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('¿', StringComparison.Ordinal) || text.Contains('¡', StringComparison.Ordinal) || text.Contains('ñ', StringComparison.OrdinalIgnoreCase))
        {
            return "es";
        }
        int en = 0, fr = 0, es = 0;
        foreach (var w in TextFolding.Words(text))
        {
            en += English.Contains(w) ? 1 : 0;
            fr += French.Contains(w) ? 1 : 0;
            es += Spanish.Contains(w) ? 1 : 0;
        }
        if (text.Contains('è', StringComparison.Ordinal) || text.Contains('ç', StringComparison.Ordinal) || text.Contains('ê', StringComparison.Ordinal) || text.Contains('à', StringComparison.Ordinal))
        {
            fr += 2;
        }
        if (fr > en && fr >= es)
        {
            return "fr";
        }
        return es > en && es > fr ? "es" : "en";
    }
}

/// <summary>The fixed sentences an abstention answers with, by reason and language.</summary>
public static class AbstentionMessages
{
    public const string NoEvidence = "no_evidence";
    public const string NotCovered = "not_covered";
    public const string Unsupported = "unsupported";
    public const string Timeout = "timeout";

    public static string For(string reason, string language) => (reason, language) switch
    {
        (Timeout, "fr") => "Aucune réponse n'a pu être produite à temps ; veuillez réessayer.",
        (Timeout, "es") => "No se pudo producir una respuesta a tiempo; inténtelo de nuevo.",
        (Timeout, _) => "No answer could be produced in time; please try again.",
        (Unsupported, "fr") => "Les recommandations disponibles ne permettent pas de répondre à cette question avec des sources vérifiables.",
        (Unsupported, "es") => "Las guías disponibles no permiten responder a esta pregunta con fuentes verificables.",
        (Unsupported, _) => "The available guidelines do not support an answer to this question that can be checked against its sources.",
        (_, "fr") => "Les recommandations disponibles ne couvrent pas cette question.",
        (_, "es") => "Las guías disponibles no cubren esta pregunta.",
        _ => "The available guidelines do not cover this question.",
    };
}
