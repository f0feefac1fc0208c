using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Meditron.Benchmarks.Load;

/// <summary>
/// `dotnet MEDITRON_DLL serve --data DIR --urls http://127.0.0.1:PORT` as a child process (the dotnet host runs the
/// app in its own process, so <see cref="Pid"/> is the server). Disposing stops it with SIGTERM, then kills it if it
/// has not exited after 15 s.
/// </summary>
internal sealed class ApiServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ApiServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    /// <summary>CPU time the server has used so far (user + system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static ApiServerProcess Start(string meditronDll, string data, IReadOnlyDictionary<string, string> environment)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        // The audit line per request goes to the console: drained, never shown.
        var process = MeditronChild.Start(meditronDll, environment, "serve", "--data", data, "--urls", baseAddress.ToString().TrimEnd('/'));
        return new ApiServerProcess(process, baseAddress);
    }

    /// <summary>Polls GET /readyz until 200; throws if the server exits or is not ready within the timeout.</summary>
    public async Task WaitUntilReadyAsync(HttpClient http, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        string last = "no answer";
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"meditron serve exited with {_process.ExitCode} before it was ready");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/readyz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"meditron serve was not ready after {timeout.TotalSeconds:0} s (last /readyz: {last})");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
