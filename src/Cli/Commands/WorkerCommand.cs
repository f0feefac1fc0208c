using System.CommandLine;
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
        var command = new Command(name, description) { data, json, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken, addRole: (services, configuration) =>
            {
                BrokerRequirement.Require(configuration, "A worker takes its messages from RabbitMQ");
                addRole(services, configuration);
            });
            await Console.Error.WriteLineAsync($"meditron worker {name}: running; stop with SIGTERM or Ctrl+C");
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
