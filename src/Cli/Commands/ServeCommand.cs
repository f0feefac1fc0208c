using System.CommandLine;
using Meditron.Api;
using Meditron.Cli.Hosting;
using Meditron.Cli.Output;
using Microsoft.AspNetCore.Builder;

namespace Meditron.Cli.Commands;

/// <summary>
/// `meditron serve`: the REST API. In the embedded shape it also ingests uploads and generates answers in this
/// process; with Messaging:Transport=RabbitMq it hands both to the workers.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, separated by ';' (default: $ASPNETCORE_URLS, else http://localhost:5000).",
            HelpName = "URL",
        };
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var open = new Option<bool>("--open")
        {
            Description = $"Open the web page in a browser ($BROWSER, else the desktop's) with a new key of its own ({WebPageLauncher.KeyName}: ask, ingest).",
        };
        var command = new Command("serve", "Run the REST API and the web page at / (ask, search, documents, keys, health, metrics; reference at /docs).") { urls, data, json, verbose, open };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // appsettings.json next to the executable, as for every other command.
            var args = new List<string> { "--contentRoot", AppContext.BaseDirectory };
            if (parse.GetValue(urls) is { Length: > 0 } addresses)
            {
                args.AddRange(["--urls", addresses]);
            }
            if (parse.GetValue(verbose))
            {
                args.AddRange(["--Logging:LogLevel:Default", "Debug"]);
            }
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(data) is { } directory)
            {
                overrides["Data:Directory"] = directory;
            }
            await using var app = MeditronApi.Build([.. args], overrides);
            // Ctrl+C or SIGTERM cancels the command's token; the host then stops gracefully (async answers are marked).
            await app.StartAsync(cancellationToken);
            await Console.Error.WriteLineAsync($"meditron serve: listening on {string.Join(", ", app.Urls)} (web page at /, API reference at /docs); stop with Ctrl+C");
            if (parse.GetValue(json))
            {
                // The bound addresses, once listening: a script that asked for port 0 learns the port here.
                JsonOutput.Write(new { Urls = app.Urls });
            }
            if (parse.GetValue(open))
            {
                await WebPageLauncher.OpenAsync(app.Services, app.Urls, cancellationToken);
            }
            await UntilStopped.RunAsync(app, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
