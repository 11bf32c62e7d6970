using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Storage.Blobs;
using Serverless.Storage;

namespace Serverless.LocalHost.FunctionsHost.Keys;

/// <summary>
/// Host and function keys, kept where the Azure host keeps them (blob container <c>azure-webjobs-secrets</c>,
/// <c>{hostId}/host.json</c> and <c>{hostId}/{function}.json</c>). The master (admin) key comes from
/// <c>SERVERLESS_ADMIN_KEY</c> when set; otherwise it is generated once and stored.
/// </summary>
public sealed class KeyStore
{
    public const string ContainerName = "azure-webjobs-secrets";
    public const string AdminKeyVariable = "SERVERLESS_ADMIN_KEY";
    public const string DurableTaskExtensionKey = "durabletask_extension";

    private readonly BlobContainerClient _container;
    private readonly string _hostId;
    private readonly Dictionary<string, IReadOnlyList<NamedKey>> _functionKeys = new(StringComparer.OrdinalIgnoreCase);
    private HostSecrets _host = new(new NamedKey("master", ""), [], []);

    private KeyStore(StorageClients clients, string hostId)
    {
        _container = clients.Container(ContainerName);
        _hostId = hostId;
    }

    public string MasterKey => _host.MasterKey.Value;

    public IReadOnlyList<NamedKey> HostFunctionKeys => _host.FunctionKeys;

    /// <summary>True when this start generated the master key (so it should be printed once).</summary>
    public bool MasterKeyGenerated { get; private set; }

    public static async Task<KeyStore> LoadAsync(StorageClients clients, string hostId, string? adminKeyOverride, IEnumerable<string> functionNames, CancellationToken cancellationToken)
    {
        var store = new KeyStore(clients, hostId);
        await store._container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var host = await store.ReadAsync<HostSecrets>($"{hostId}/host.json", cancellationToken);
        if (host is null || string.IsNullOrEmpty(host.MasterKey.Value))
        {
            host = new HostSecrets(new NamedKey("master", NewKey()), [new NamedKey("default", NewKey())], [new NamedKey(DurableTaskExtensionKey, NewKey())]);
            store.MasterKeyGenerated = string.IsNullOrEmpty(adminKeyOverride);
            await store.WriteAsync($"{hostId}/host.json", host, cancellationToken);
        }
        else if (host.SystemKeys is null || !host.SystemKeys.Any(k => k.Name == DurableTaskExtensionKey))
        {
            host = host with { SystemKeys = [.. host.SystemKeys ?? [], new NamedKey(DurableTaskExtensionKey, NewKey())] };
            await store.WriteAsync($"{hostId}/host.json", host, cancellationToken);
        }
        store._host = string.IsNullOrEmpty(adminKeyOverride) ? host : host with { MasterKey = new NamedKey("master", adminKeyOverride) };
        foreach (var function in functionNames)
        {
            var secrets = await store.ReadAsync<FunctionSecrets>($"{hostId}/{function.ToLowerInvariant()}.json", cancellationToken);
            if (secrets is null || secrets.Keys.Count == 0)
            {
                secrets = new FunctionSecrets([new NamedKey("default", NewKey())]);
                await store.WriteAsync($"{hostId}/{function.ToLowerInvariant()}.json", secrets, cancellationToken);
            }
            store._functionKeys[function] = secrets.Keys;
        }
        return store;
    }

    /// <summary>A system key of an extension (as <c>durabletask_extension</c> in Azure): it opens that extension's API only.</summary>
    public string SystemKey(string name) => _host.SystemKeys?.FirstOrDefault(k => k.Name == name)?.Value
        ?? throw new InvalidOperationException($"No system key named {name}.");

    /// <summary>An extension's API accepts its system key or the master key.</summary>
    public bool AuthorizesSystem(string name, string? presented) =>
        IsMasterKey(presented) || (_host.SystemKeys?.Any(k => k.Name == name && Matches(presented, k.Value)) ?? false);

    public IReadOnlyList<NamedKey> FunctionKeys(string function) => _functionKeys.TryGetValue(function, out var keys) ? keys : [];

    public bool IsMasterKey(string? presented) => Matches(presented, MasterKey);

    /// <summary>A function-level call accepts the function's keys, the host's function keys, or the master key.</summary>
    public bool AuthorizesFunction(string function, string? presented) =>
        IsMasterKey(presented)
        || HostFunctionKeys.Any(k => Matches(presented, k.Value))
        || FunctionKeys(function).Any(k => Matches(presented, k.Value));

    private static bool Matches(string? presented, string expected) =>
        !string.IsNullOrEmpty(presented) && !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    private static string NewKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(40)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private async Task<T?> ReadAsync<T>(string blob, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _container.GetBlobClient(blob).DownloadContentAsync(cancellationToken);
            return JsonSerializer.Deserialize<T>(content.Value.Content.ToString(), KeyJson.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return default;
        }
    }

    private Task WriteAsync<T>(string blob, T value, CancellationToken cancellationToken) =>
        _container.GetBlobClient(blob).UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(value, KeyJson.Options)), overwrite: true, cancellationToken);
}

public sealed record NamedKey([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("value")] string Value);

internal sealed record HostSecrets(
    [property: JsonPropertyName("masterKey")] NamedKey MasterKey,
    [property: JsonPropertyName("functionKeys")] IReadOnlyList<NamedKey> FunctionKeys,
    [property: JsonPropertyName("systemKeys")] IReadOnlyList<NamedKey>? SystemKeys);

internal sealed record FunctionSecrets([property: JsonPropertyName("keys")] IReadOnlyList<NamedKey> Keys);

internal static class KeyJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
