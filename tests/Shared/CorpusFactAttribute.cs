namespace Meditron.Tests.Support;

/// <summary>A fact over the real corpus: skipped without it, except under CI, where it must run (and fails).</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        Skip = Corpus.SkipReason!;
    }
}
