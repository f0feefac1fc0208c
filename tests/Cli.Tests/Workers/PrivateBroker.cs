using System.Diagnostics;

namespace Meditron.Cli.Tests.Workers;

/// <summary>
/// A broker of the test's own (scripts/rabbitmq on another port, node name and state folder), so that stopping and
/// restarting it disturbs no other test using the shared one.
/// </summary>
internal sealed class PrivateBroker : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;

    private PrivateBroker(int port, string state)
    {
        Port = port;
        _environment = new()
        {
            ["RABBITMQ_NODE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_NODENAME"] = $"restart{port}@localhost",
            ["RABBITMQ_STATE_DIR"] = state,
            // Otherwise the node's distribution port is the AMQP port + 20000, past 65535 for a high free port.
            ["RABBITMQ_DIST_PORT"] = LoopbackPort.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public int Port { get; }

    public string Uri => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public static async Task<PrivateBroker> StartAsync(string state)
    {
        var broker = new PrivateBroker(LoopbackPort.Free(), state);
        await broker.RunAsync("start");
        return broker;
    }

    public Task StopAsync() => RunAsync("stop");

    public Task RestartAsync() => RunAsync("start");

    public async ValueTask DisposeAsync() => await RunAsync("stop");

    private async Task RunAsync(string verb)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(Repository.Root, "scripts", "rabbitmq"));
        start.ArgumentList.Add(verb);
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        string output = await process.StandardError.ReadToEndAsync() + await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/rabbitmq {verb} failed ({process.ExitCode}): {output}");
        }
    }
}
