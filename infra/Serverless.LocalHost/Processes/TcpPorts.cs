using System.Net;
using System.Net.Sockets;

namespace Serverless.LocalHost.Processes;

/// <summary>Loopback port helpers: find a free port, check whether something listens, wait until it does.</summary>
public static class TcpPorts
{
    public static int FindFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            var connect = client.ConnectAsync(IPAddress.Loopback, port);
            return connect.Wait(TimeSpan.FromMilliseconds(250)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Waits until every port accepts connections, or throws naming what did not come up.</summary>
    public static async Task WaitUntilListeningAsync(IReadOnlyCollection<int> ports, TimeSpan timeout, Func<bool> stillAlive, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (ports.All(IsListening))
            {
                return;
            }
            if (!stillAlive())
            {
                throw new InvalidOperationException($"{what} exited before it listened on port(s) {string.Join(", ", ports)}.");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not listen on port(s) {string.Join(", ", ports)} within {timeout.TotalSeconds:0} s.");
            }
            await Task.Delay(50, cancellationToken);
        }
    }
}
