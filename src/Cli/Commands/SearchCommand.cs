using System.CommandLine;
using System.Globalization;
using Meditron.Cli.Hosting;
using Meditron.Cli.Output;
using Meditron.Retrieval;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Cli.Commands;

/// <summary>`meditron search "QUERY"`: ranked, citable passages.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var query = CliValues.Text("QUERY", "What to look for, in English, French or Spanish.", "the words to search for");
        var topK = CliValues.Count("--top-k", "How many passages (default 10).", 10);
        var search = new SearchOptions();
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("search", "Find the guideline passages that bear on a question.") { query, topK, data, json, verbose };
        foreach (var option in search.All)
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken, access: StoreAccess.ReadIndexed);
            var retrieval = host.Services.GetRequiredService<RetrievalService>();
            string text = parse.GetValue(query)!;
            var results = await retrieval.SearchAsync(search.Request(parse, text, parse.GetValue(topK)), cancellationToken);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new SearchReport(text, results));
                return 0;
            }
            foreach (var r in results)
            {
                string page = r.PageLabel is null ? $"p. {r.Page}" : string.Create(CultureInfo.InvariantCulture, $"p. {r.Page} (printed {r.PageLabel})");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Rank}. [{r.Score:0.0000}] {r.Title}, {r.Edition}, {page}{(r.Current ? "" : " [superseded]")}"));
                if (r.Section.Length > 0)
                {
                    Console.WriteLine($"   {r.Section}");
                }
                Console.WriteLine($"   {Excerpt(r.Text)}");
                Console.WriteLine();
            }
            return 0;
        });
        return command;
    }

    private static string Excerpt(string text) =>
        text.Length <= 300 ? text.ReplaceLineEndings(" ") : text[..300].ReplaceLineEndings(" ") + "…";
}
