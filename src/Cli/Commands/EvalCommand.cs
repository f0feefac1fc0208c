using System.CommandLine;
using System.Globalization;
using Meditron.Application.Answering;
using Meditron.Cli.Hosting;
using Meditron.Cli.Output;
using Meditron.Retrieval.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Cli.Commands;

/// <summary>`meditron eval retrieval --questions FILE`: recall, MRR and nDCG against gold pages.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var eval = new Command("eval", "Measure quality on a question file with gold pages.");
        eval.Subcommands.Add(Retrieval());
        eval.Subcommands.Add(Answers());
        return eval;
    }

    private static Command Answers()
    {
        var questions = CliValues.ExistingFile("--questions", "Question file (JSON lines, as shared/eval/questions.dev.jsonl).", required: true);
        var topK = CliValues.OptionalCount("--top-k", "Passages given as evidence (default: Answer:EvidencePassages, 8).");
        var details = new Option<FileInfo?>("--details") { Description = "Write one JSON line per question with its citations and whether one met a gold page.", HelpName = "FILE" };
        var fold = FoldOption();
        var engine = new EngineOptions();
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("answers", "Evaluate cited answers: citations on gold pages, abstention, citation validity, quotes on their pages.")
        {
            questions, topK, details, fold, data, json, verbose,
        };
        foreach (var option in engine.All)
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken, engine.Overrides(parse), StoreAccess.ReadIndexed);
            var evaluator = host.Services.GetRequiredService<AnswerEvaluator>();
            var loaded = Folded(EvalQuestion.ReadFile(parse.GetValue(questions)!.FullName), parse.GetValue(fold));
            var (report, perQuestion) = await evaluator.EvaluateAsync(loaded, parse.GetValue(topK), cancellationToken);
            if (parse.GetValue(details) is { } detailsFile)
            {
                await JsonOutput.WriteLinesAsync(detailsFile, perQuestion, cancellationToken);
            }
            if (parse.GetValue(json))
            {
                JsonOutput.Write(report);
                return 0;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{report.Questions} questions: citationHit {report.CitationHit:0.000}, abstentionRecall {report.AbstentionRecall:0.000}, falseAbstention {report.FalseAbstention:0.000}, citationValidity {report.CitationValidity:0.000}, quoteOnPage {report.QuoteOnPage:0.000}, citationPrecision {report.CitationPrecision:0.000}, documentsPerAnswer {report.DocumentsPerAnswer:0.00}; latency p50 {report.LatencyMs.P50:0} ms, p99 {report.LatencyMs.P99:0} ms"));
            return 0;
        });
        return command;
    }

    private static Command Retrieval()
    {
        var questions = CliValues.ExistingFile("--questions", "Question file (JSON lines, as shared/eval/questions.dev.jsonl).", required: true);
        var k = CliValues.Count("--k", "Cut-off for the report (default 10).", 10);
        var details = new Option<FileInfo?>("--details") { Description = "Write one JSON line per question with its ranked hits.", HelpName = "FILE" };
        var fold = FoldOption();
        var search = new SearchOptions();
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("retrieval", "Evaluate retrieval: a result is a hit when its file is a gold file and its pages meet a gold page.")
        {
            questions, k, details, fold, search.Mode, data, json, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken, access: StoreAccess.ReadIndexed);
            var evaluator = host.Services.GetRequiredService<RetrievalEvaluator>();
            var loaded = Folded(EvalQuestion.ReadFile(parse.GetValue(questions)!.FullName), parse.GetValue(fold));
            var (report, perQuestion) = await evaluator.EvaluateAsync(loaded, parse.GetValue(k), parse.GetValue(search.Mode), cancellationToken);

            if (parse.GetValue(details) is { } detailsFile)
            {
                await JsonOutput.WriteLinesAsync(detailsFile, perQuestion, cancellationToken);
            }
            if (parse.GetValue(json))
            {
                JsonOutput.Write(report);
                return 0;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{report.Questions} questions ({report.Answerable} answerable), mode {report.Mode}: recall@1 {report.RecallAt1:0.000}, recall@5 {report.RecallAt5:0.000}, recall@10 {report.RecallAt10:0.000}, MRR@10 {report.MrrAt10:0.000}, nDCG@10 {report.NdcgAt10:0.000}; latency p50 {report.LatencyMs.P50:0.0} ms, p99 {report.LatencyMs.P99:0.0} ms"));
            foreach (var (kind, r) in report.ByKind)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind}: n={r.N}, recall@5 {r.RecallAt5:0.000}"));
            }
            return 0;
        });
        return command;
    }

    private static Option<QuestionFold?> FoldOption() => CliValues.Fold("--fold",
        "Only fold K of N of the questions (by a stable hash of their id), e.g. --fold 1/2 to tune and --fold 2/2 to measure.");

    private static IReadOnlyList<EvalQuestion> Folded(IReadOnlyList<EvalQuestion> questions, QuestionFold? fold) =>
        fold is null ? questions : fold.Select(questions);
}
