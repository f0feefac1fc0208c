using System.CommandLine;
using System.Globalization;
using Meditron.Application.Answering;
using Meditron.Application.Feedback;
using Meditron.Cli.Hosting;
using Meditron.Cli.Output;
using Meditron.Retrieval.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Cli.Commands;

/// <summary>
/// `meditron eval retrieval --questions FILE`: recall, MRR and nDCG against gold pages; `meditron eval answers`: cited
/// answers against gold pages, and clinicians' wrong_page ratings asked again (`--feedback FILE`).
/// </summary>
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
        var questions = CliValues.ExistingFile("--questions", "Question file (JSON lines, as shared/eval/questions.dev.jsonl).", required: false);
        var feedback = CliValues.ExistingFile("--feedback",
            "A file written by `meditron feedback export --json`: each question rated wrong_page is asked again, and passes when the new answer cites none of the flagged pages.",
            required: false);
        var topK = CliValues.OptionalCount("--top-k", "Passages given as evidence (default: Answer:EvidencePassages, 8).");
        var details = new Option<FileInfo?>("--details") { Description = "Write one JSON line per question (and per feedback case) with its citations and whether one met a gold (or flagged) page.", HelpName = "FILE" };
        var fold = FoldOption();
        var engine = new EngineOptions();
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("answers", "Evaluate cited answers: citations on gold pages, abstention, citation validity, quotes on their pages; and clinicians' wrong_page ratings as regression cases.")
        {
            questions, feedback, topK, details, fold, data, json, verbose,
        };
        foreach (var option in engine.All)
        {
            command.Options.Add(option);
        }
        command.Validators.Add(result =>
        {
            if (result.GetValue(questions) is null && result.GetValue(feedback) is null)
            {
                result.AddError("Give --questions FILE, --feedback FILE, or both.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken, engine.Overrides(parse), StoreAccess.ReadIndexed);
            var evaluator = host.Services.GetRequiredService<AnswerEvaluator>();
            var lines = new List<object>();
            AnswerReport? report = null;
            if (parse.GetValue(questions) is { } questionFile)
            {
                var loaded = Folded(EvalQuestion.ReadFile(questionFile.FullName), parse.GetValue(fold));
                (report, var perQuestion) = await evaluator.EvaluateAsync(loaded, parse.GetValue(topK), cancellationToken);
                lines.AddRange(perQuestion);
            }
            FeedbackReport? regressions = null;
            if (parse.GetValue(feedback) is { } feedbackFile)
            {
                var (cases, skipped) = FeedbackCase.From(FeedbackExport.ReadFile(feedbackFile.FullName).Items);
                if (skipped > 0)
                {
                    await Console.Error.WriteLineAsync($"{skipped} wrong_page ratings have no question or no citations and are not asked again.");
                }
                (regressions, var perCase) = await evaluator.EvaluateFeedbackAsync(cases, parse.GetValue(topK), cancellationToken);
                lines.AddRange(perCase);
            }
            if (parse.GetValue(details) is { } detailsFile)
            {
                await JsonOutput.WriteLinesAsync(detailsFile, lines, cancellationToken);
            }
            if (parse.GetValue(json))
            {
                // Questions: the answer report, with the feedback counts when asked for; feedback alone: the counts alone.
                object printed = report is null
                    ? regressions!
                    : report with { FeedbackCases = regressions?.FeedbackCases, FeedbackStillWrong = regressions?.FeedbackStillWrong };
                JsonOutput.Write(printed);
                return 0;
            }
            if (report is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{report.Questions} questions: citationHit {report.CitationHit:0.000}, abstentionRecall {report.AbstentionRecall:0.000}, falseAbstention {report.FalseAbstention:0.000}, citationValidity {report.CitationValidity:0.000}, quoteOnPage {report.QuoteOnPage:0.000}, quoteHoldsClaim {report.QuoteHoldsClaim:0.000}, citationPrecision {report.CitationPrecision:0.000}, documentsPerAnswer {report.DocumentsPerAnswer:0.00}; latency p50 {report.LatencyMs.P50:0} ms, p99 {report.LatencyMs.P99:0} ms"));
            }
            if (regressions is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{regressions.FeedbackCases} feedback cases (wrong_page): {regressions.FeedbackStillWrong} still cite a flagged page"));
            }
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
