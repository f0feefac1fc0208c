using System.CommandLine;
using Meditron.Api.Health;
using Meditron.Application.Extensions;
using Meditron.Cli.Hosting;
using Meditron.Cli.Output;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Cli.Commands;

/// <summary>`meditron worker ingestion|generation`: one role of the distributed shape, until SIGTERM or Ctrl+C.</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var worker = new Command("worker", "Run one role of the distributed shape: consume a RabbitMQ queue until stopped (SIGTERM, Ctrl+C).");
        worker.Subcommands.Add(Role("ingestion", "Extract, embed and index the documents queued by `ingest --enqueue`.", (s, c) => s.AddIngestionWorker(c)));
        worker.Subcommands.Add(Role("generation", "Answer the questions that `ask` puts on the queue, with the configured engine.", (s, c) => s.AddGenerationWorker(c)));
        return worker;
    }

    private static Command Role(string name, string description, Action<IServiceCollection, IConfiguration> addRole)
    {
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var healthUrls = new Option<string>("--health-urls")
        {
            Description = "Serve /healthz and /readyz (for probes) on these addresses, separated by ';' (e.g. http://0.0.0.0:8081). None by default.",
            HelpName = "URL",
        };
        var command = new Command(name, description) { data, healthUrls, json, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken, addRole: (services, configuration) =>
            {
                BrokerRequirement.Require(configuration, "A worker takes its messages from RabbitMQ");
                addRole(services, configuration);
                if (parse.GetValue(healthUrls) is { Length: > 0 } urls)
                {
                    services.AddWorkerHealthEndpoint(urls);
                }
            });
            await Console.Error.WriteLineAsync($"meditron worker {name}: running; stop with SIGTERM or Ctrl+C");
            if (host.Services.GetService<WorkerHealthEndpoint>() is { } health)
            {
                await Console.Error.WriteLineAsync($"meditron worker {name}: probes /healthz and /readyz on {string.Join(", ", health.Addresses)}");
            }
            await UntilStopped.RunAsync(host, cancellationToken);
            await Console.Error.WriteLineAsync($"meditron worker {name}: stopped");
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new { Worker = name, Stopped = true });
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
