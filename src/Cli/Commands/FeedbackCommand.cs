using System.CommandLine;
using Meditron.Application.Feedback;
using Meditron.Cli.Hosting;
using Meditron.Cli.Output;
using Meditron.Core.Feedback;
using Meditron.Core.Options;
using Meditron.Retrieval.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Meditron.Cli.Commands;

/// <summary>`meditron feedback export`: clinicians' ratings of answers (POST /v1/answers/{id}/feedback), for review.</summary>
internal static class FeedbackCommand
{
    public static Command Create()
    {
        var feedback = new Command("feedback", "Clinicians' ratings of answers, kept in the store, for review.");
        feedback.Subcommands.Add(Export());
        return feedback;
    }

    private static Command Export()
    {
        var json = CommonOptions.Json();
        var csv = new Option<bool>("--csv") { Description = "Print RFC 4180 CSV on stdout: a header row, then one row per rating." };
        var since = CliValues.Date("--since", "Only ratings made on or after this day (UTC).");
        var category = new Option<string?>("--category")
        {
            Description = $"Only ratings that name this category: {string.Join(", ", FeedbackCategories.All)}.",
            HelpName = "CATEGORY",
        };
        category.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } name && !FeedbackCategories.IsKnown(name))
            {
                result.AddError($"--category takes one of: {string.Join(", ", FeedbackCategories.All)} (got '{name}').");
            }
        });
        var data = CommonOptions.Data();
        var verbose = CommonOptions.Verbose();
        var command = new Command("export", "Print every rating, oldest first: a short table, or every field with --json or --csv.")
        {
            json, csv, since, category, data, verbose,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(json) && result.GetValue(csv))
            {
                result.AddError("--json and --csv are two formats of the same export: choose one.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken, access: StoreAccess.ReadWrite);
            string where = RequireStore(host);
            var filters = new FeedbackQuery
            {
                Since = parse.GetValue(since) is { } day ? new DateTimeOffset(day, TimeOnly.MinValue, TimeSpan.Zero) : null,
                Category = parse.GetValue(category),
            };
            var entries = new List<FeedbackEntry>();
            await foreach (var entry in host.Services.GetRequiredService<FeedbackService>().AllAsync(filters, cancellationToken))
            {
                entries.Add(entry);
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(new FeedbackExport(entries, entries.Count));
            }
            else if (parse.GetValue(csv))
            {
                FeedbackCsv.Write(Console.Out, entries);
            }
            else if (entries.Count == 0)
            {
                await Console.Error.WriteLineAsync($"No feedback in {where}.");
            }
            else
            {
                foreach (string line in FeedbackListing.Lines(entries))
                {
                    Console.WriteLine(line);
                }
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Where the ratings are read from. An embedded store must exist (a mistyped --data must not read as "no feedback",
    /// and exporting never creates a store); PostgreSQL has no file to look for.
    /// </summary>
    private static string RequireStore(IHost host)
    {
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        if (StorageOptions.ProviderFrom(configuration[StorageOptions.ProviderKey]) == StorageProvider.Postgres)
        {
            return "the shared PostgreSQL store (Storage:Provider=Postgres)";
        }
        string directory = host.Services.GetRequiredService<IOptions<DataOptions>>().Value.Directory;
        if (!File.Exists(EmbeddedStore.DatabasePathIn(directory)))
        {
            throw new NothingIndexedException($"There is no store in {directory}, so no feedback. Check --data (or $MEDITRON_DATA).");
        }
        return directory;
    }
}
