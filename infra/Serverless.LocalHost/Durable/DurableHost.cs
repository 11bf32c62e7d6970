using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Serverless.LocalHost.Durable.Dispatch;
using Serverless.LocalHost.Durable.Http;
using Serverless.LocalHost.Durable.Storage;
using Serverless.LocalHost.FunctionsHost.Configuration;
using Serverless.LocalHost.FunctionsHost.Handler;
using Serverless.LocalHost.FunctionsHost.Keys;
using Serverless.Storage;

namespace Serverless.LocalHost.Durable;

/// <summary>
/// Durable Functions inside the local host: the task hub in Azure Storage, the backend that drives orchestrators and
/// activities through the handler, the management API, and the value of <c>durableClient</c> input bindings.
/// </summary>
public sealed class DurableHost : IAsyncDisposable
{
    private readonly DurableBackend _backend;

    private DurableHost(TaskHubStore store, DurableBackend backend, InstanceOperations operations, ManagementUrls urls)
    {
        Store = store;
        _backend = backend;
        Operations = operations;
        Urls = urls;
    }

    public TaskHubStore Store { get; }

    public InstanceOperations Operations { get; }

    public ManagementUrls Urls { get; }

    public DurableBackend Backend => _backend;

    /// <summary>True when the app has any orchestrationTrigger, activityTrigger or durableClient binding.</summary>
    public static bool IsUsedBy(IReadOnlyList<FunctionDefinition> functions) =>
        functions.Any(f => f.Trigger is DurableBinding || f.Others.OfType<DurableBinding>().Any());

    public static async Task<DurableHost> CreateAsync(
        StorageClients storage, HostConfiguration configuration, IReadOnlyList<FunctionDefinition> functions, FunctionInvoker invoker,
        KeyStore keys, Func<Uri> baseAddress, TimeProvider clock, DurableBackendOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var names = new TaskHubNames(configuration.HubName, options.PartitionCount);
        var store = new TaskHubStore(storage, names) { Clock = clock };
        await store.CreateAsync(cancellationToken);
        var durableFunctions = new DurableFunctions(functions);
        var backend = new DurableBackend(store, durableFunctions, invoker, clock, options, loggers);
        var operations = new InstanceOperations(store, durableFunctions, clock, backend.SignalInstance, options);
        var urls = new ManagementUrls(baseAddress, configuration.HubName, () => keys.SystemKey(KeyStore.DurableTaskExtensionKey));
        return new DurableHost(store, backend, operations, urls);
    }

    public void MapEndpoints(IEndpointRouteBuilder routes, KeyStore keys) => ManagementEndpoints.Map(routes, Operations, Store, Urls, keys);

    public void Start() => _backend.Start();

    /// <summary>Adds the value of every <c>durableClient</c> input binding of <paramref name="function"/> to <paramref name="data"/>.</summary>
    public void AddClientBindings(FunctionDefinition function, JsonObject data)
    {
        foreach (var binding in function.Others.OfType<DurableBinding>().Where(b => string.Equals(b.BindingType, "durableClient", StringComparison.OrdinalIgnoreCase)))
        {
            data[binding.Name] = Urls.ClientBinding();
        }
    }

    public ValueTask DisposeAsync() => _backend.DisposeAsync();
}
