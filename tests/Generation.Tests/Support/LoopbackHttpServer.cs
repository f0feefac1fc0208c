using System.Net;
using System.Net.Sockets;

namespace Meditron.Generation.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 for tests that play a remote service (the model hub, a model server):
/// it listens on a free port and hands each request to <see cref="HandleAsync"/> on its own task.
/// </summary>
internal abstract class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private Task? _loop;

    protected LoopbackHttpServer()
    {
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        _listener.Prefixes.Add(BaseUrl + "/");
    }

    public string BaseUrl { get; }

    /// <summary>A loopback port nothing listens on (also for "unreachable server" tests).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Starts serving; derived constructors call it once their own state is set.</summary>
    protected void Start()
    {
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    protected abstract Task HandleAsync(HttpListenerContext context);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }
}
