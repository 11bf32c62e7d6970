namespace Serverless.Storage;

/// <summary>
/// The storage account the app runs on, from the <c>AzureWebJobsStorage</c> setting.
/// <c>UseDevelopmentStorage=true</c> (or no setting) means the local emulator, Azurite.
/// </summary>
public sealed record StorageConnection(string ConnectionString, bool IsDevelopmentStorage)
{
    public const string SettingName = "AzureWebJobsStorage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>Azurite's well-known development account key (public, documented by Microsoft).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static StorageConnection FromSetting(string? value) =>
        string.IsNullOrWhiteSpace(value) || IsDevelopmentStorageValue(value)
            ? ForAzurite("127.0.0.1", 10000, 10001, 10002)
            : new StorageConnection(value.Trim(), false);

    public static bool IsDevelopmentStorageValue(string? value) =>
        string.IsNullOrWhiteSpace(value)
        || value.Trim().TrimEnd(';').Equals(DevelopmentStorage, StringComparison.OrdinalIgnoreCase);

    public static StorageConnection ForAzurite(string host, int blobPort, int queuePort, int tablePort) => new(
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://{host}:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://{host}:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://{host}:{tablePort}/devstoreaccount1;",
        true);
}
