using System.Net;
using System.Net.Sockets;

namespace OrleansQr.Tests.Support;

public static class LoopbackPort
{
    /// <summary>A port that was free on 127.0.0.1 a moment ago, for a server the test starts.</summary>
    public static int GetFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
