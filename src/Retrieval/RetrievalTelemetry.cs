using System.Diagnostics;
using Meditron.Core.Retrieval;
using Meditron.Core.Telemetry;

namespace Meditron.Retrieval;

/// <summary>The <c>retrieve</c> span: mode, top-k and how many passages came back; never the query.</summary>
public static class RetrievalTelemetry
{
    public const string SourceName = "Meditron.Retrieval";

    private static readonly ActivitySource Source = new(SourceName);

    internal static Activity? StartRetrieve(SearchMode mode, int topK) =>
        Source.StartActivity("retrieve")?.SetTag(SpanTags.RetrievalMode, ModeTag(mode)).SetTag(SpanTags.TopK, topK);

    internal static void Retrieved(Activity? span, int results) => span?.SetTag(SpanTags.ResultCount, results);

    /// <summary>As the CLI spells the modes (--mode hybrid|dense|bm25).</summary>
    private static string ModeTag(SearchMode mode) => mode switch
    {
        SearchMode.Dense => "dense",
        SearchMode.Bm25 => "bm25",
        _ => "hybrid",
    };
}
