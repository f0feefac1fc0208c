using System.Diagnostics;
using System.Globalization;
using Meditron.Core.Handlers;
using Meditron.Core.Messages;
using Meditron.Messaging;
using Meditron.Messaging.InProcess;
using Meditron.Messaging.RabbitMq;
using Microsoft.Extensions.Logging.Abstractions;

namespace Meditron.Benchmarks;

/// <summary>
/// Small jobs through the RabbitMQ transport (persistent, publisher confirms, manual acks) against the in-process
/// transport in the same run: publish rate (each publish awaited: its confirm) and throughput from the first
/// publish to the last ack, rounds alternating.
/// </summary>
internal static class QueueBenchmark
{
    public static async Task RunAsync(string amqpUri, int messages, int rounds, int prefetch)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queue: {messages} IngestDocument messages per round, consumer prefetch {prefetch}, {rounds} rounds"));
        var ratios = new List<double>();
        for (int round = 1; round <= rounds; round++)
        {
            var inProcess = await MeasureAsync(new InProcessTransport(new MessagingOptions(), NullLogger.Instance), messages, prefetch);
            var rabbit = await MeasureAsync(new RabbitMqTransport(new MessagingOptions { Transport = MessagingTransportKind.RabbitMq, RabbitMq = { ConnectionString = amqpUri } }, NullLogger.Instance), messages, prefetch);
            ratios.Add(rabbit.Throughput / inProcess.Throughput);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: in-process publish {inProcess.PublishRate:0} msg/s, through {inProcess.Throughput:0} msg/s | RabbitMQ publish {rabbit.PublishRate:0} msg/s, through {rabbit.Throughput:0} msg/s | ratio {ratios[^1]:0.000}"));
        }
        ratios.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median throughput ratio RabbitMQ / in-process: {ratios[ratios.Count / 2]:0.000}"));
    }

    private static async Task<(double PublishRate, double Throughput)> MeasureAsync(IMessageTransport transport, int messages, int prefetch)
    {
        await using (transport)
        {
            const string queue = "bench-small-jobs"; // one durable queue, empty again after every round
            int handled = 0;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var watch = Stopwatch.StartNew();
            await using var subscription = await transport.ConsumeAsync<IngestDocument>(queue, (_, _) =>
            {
                if (Interlocked.Increment(ref handled) == messages)
                {
                    done.TrySetResult();
                }
                return Task.FromResult(HandlerResult.Success);
            }, new ConsumeOptions { Prefetch = prefetch }, CancellationToken.None);
            watch.Restart();
            for (int i = 0; i < messages; i++)
            {
                await transport.PublishAsync(queue, new IngestDocument($"doc_{i:D16}", $"content/{i % 256:x2}/{i:D64}.pdf"), null, CancellationToken.None);
            }
            double publishSeconds = watch.Elapsed.TotalSeconds;
            await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
            return (messages / publishSeconds, messages / watch.Elapsed.TotalSeconds);
        }
    }
}
