namespace Serverless.LocalHost.Azurite;

/// <summary>How to run Azurite: ports, and a folder to persist to (null = in memory).</summary>
public sealed record AzuriteOptions
{
    public int BlobPort { get; init; } = 10000;
    public int QueuePort { get; init; } = 10001;
    public int TablePort { get; init; } = 10002;

    /// <summary>Folder for persisted data; null keeps everything in memory (lost when Azurite stops).</summary>
    public string? DataDirectory { get; init; }

    public IReadOnlyList<int> Ports => [BlobPort, QueuePort, TablePort];

    public static AzuriteOptions OnFreePorts(string? dataDirectory = null) => new()
    {
        BlobPort = Processes.TcpPorts.FindFree(),
        QueuePort = Processes.TcpPorts.FindFree(),
        TablePort = Processes.TcpPorts.FindFree(),
        DataDirectory = dataDirectory,
    };
}
