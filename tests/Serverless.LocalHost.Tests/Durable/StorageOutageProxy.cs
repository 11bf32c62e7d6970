using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Serverless.Storage;

namespace Serverless.LocalHost.Tests.Durable;

/// <summary>
/// TCP relays in front of Azurite's three endpoints; <see cref="CutAsync"/> drops every connection and refuses new
/// ones for a while, as an unreachable storage account looks to the host.
/// </summary>
internal sealed partial class StorageOutageProxy : IAsyncDisposable
{
    private readonly List<Relay> _relays = [];

    private StorageOutageProxy(StorageConnection target)
    {
        var text = target.ConnectionString;
        foreach (Match endpoint in EndpointPattern().Matches(text))
        {
            var relay = new Relay(int.Parse(endpoint.Groups["port"].Value));
            _relays.Add(relay);
            text = text.Replace($":{endpoint.Groups["port"].Value}/", $":{relay.Port}/");
        }
        Connection = target with { ConnectionString = text };
    }

    public StorageConnection Connection { get; }

    public static StorageOutageProxy Start(StorageConnection target) => new(target);

    public async Task CutAsync(TimeSpan outage)
    {
        foreach (var relay in _relays)
        {
            relay.Cut();
        }
        await Task.Delay(outage);
        foreach (var relay in _relays)
        {
            relay.Restore();
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var relay in _relays)
        {
            relay.Cut();
        }
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"Endpoint=http://[^:;]+:(?<port>\d+)/")]
    private static partial Regex EndpointPattern();

    private sealed class Relay
    {
        private readonly int _targetPort;
        private readonly List<TcpClient> _open = [];
        private TcpListener _listener;
        private CancellationTokenSource _cut = new();

        public Relay(int targetPort)
        {
            _targetPort = targetPort;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = AcceptAsync(_listener, _cut.Token);
        }

        public int Port { get; }

        public void Cut()
        {
            _cut.Cancel();
            _listener.Stop();
            lock (_open)
            {
                foreach (var client in _open)
                {
                    client.Dispose();
                }
                _open.Clear();
            }
        }

        public void Restore()
        {
            _cut = new CancellationTokenSource();
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Start();
            _ = AcceptAsync(_listener, _cut.Token);
        }

        private async Task AcceptAsync(TcpListener listener, CancellationToken cut)
        {
            while (!cut.IsCancellationRequested)
            {
                TcpClient inbound;
                try
                {
                    inbound = await listener.AcceptTcpClientAsync(cut);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
                var outbound = new TcpClient();
                try
                {
                    await outbound.ConnectAsync(IPAddress.Loopback, _targetPort, cut);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException)
                {
                    inbound.Dispose();
                    outbound.Dispose();
                    continue;
                }
                lock (_open)
                {
                    _open.Add(inbound);
                    _open.Add(outbound);
                }
                _ = PumpAsync(inbound, outbound, cut);
                _ = PumpAsync(outbound, inbound, cut);
            }
        }

        private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken cut)
        {
            try
            {
                await from.GetStream().CopyToAsync(to.GetStream(), cut);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException or InvalidOperationException)
            {
            }
            finally
            {
                from.Dispose();
                to.Dispose();
            }
        }
    }
}
