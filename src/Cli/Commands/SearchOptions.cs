using System.CommandLine;
using Meditron.Core.Retrieval;

namespace Meditron.Cli.Commands;

/// <summary>The retrieval flags shared by `search` and `eval retrieval`.</summary>
internal sealed class SearchOptions
{
    public Option<SearchMode> Mode { get; } = CliValues.Choice("--mode", "hybrid (default), dense or bm25.", SearchMode.Hybrid);
    public Option<string[]> Publisher { get; } = new("--publisher") { Description = "Only these publishers (repeatable).", AllowMultipleArgumentsPerToken = false };
    public Option<string[]> Language { get; } = new("--language") { Description = "Only documents in these languages (repeatable)." };
    public Option<string[]> Guideline { get; } = new("--guideline") { Description = "Only these guideline keys (repeatable).", HelpName = "KEY" };
    public Option<string[]> Document { get; } = new("--document") { Description = "Only these document ids (repeatable).", HelpName = "ID" };
    public Option<int?> YearFrom { get; } = CliValues.Year("--year-from", "Only documents published in or after this year.");
    public Option<int?> YearTo { get; } = CliValues.Year("--year-to", "Only documents published in or before this year.");
    public Option<bool> IncludeSuperseded { get; } = new("--include-superseded") { Description = "Search superseded editions too." };
    public Option<DateOnly?> AsOf { get; } = CliValues.Date("--as-of", "Answer from the editions current at this date.");

    public IEnumerable<Option> All => [Mode, Publisher, Language, Guideline, Document, YearFrom, YearTo, IncludeSuperseded, AsOf];

    public SearchRequest Request(ParseResult parse, string query, int topK) => new()
    {
        Query = query,
        TopK = topK,
        Mode = parse.GetValue(Mode),
        IncludeSuperseded = parse.GetValue(IncludeSuperseded),
        AsOf = parse.GetValue(AsOf),
        Filter = new IndexFilter
        {
            Publishers = parse.GetValue(Publisher) ?? [],
            Languages = parse.GetValue(Language) ?? [],
            GuidelineKeys = parse.GetValue(Guideline) ?? [],
            DocumentIds = parse.GetValue(Document) ?? [],
            YearFrom = parse.GetValue(YearFrom),
            YearTo = parse.GetValue(YearTo),
        },
    };
}
