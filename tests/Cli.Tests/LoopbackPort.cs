using System.Net;
using System.Net.Sockets;

namespace Meditron.Cli.Tests;

/// <summary>A TCP port on the loopback that nothing listens on right now, for a server the test starts (a broker, `meditron serve`).</summary>
internal static class LoopbackPort
{
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
