using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.LocalHost.Clock;
using Serverless.LocalHost.Durable;
using Serverless.LocalHost.FunctionsHost;
using Serverless.LocalHost.FunctionsHost.Admin;
using Serverless.LocalHost.FunctionsHost.Configuration;
using Serverless.LocalHost.FunctionsHost.Handler;
using Serverless.LocalHost.FunctionsHost.Http;
using Serverless.LocalHost.FunctionsHost.Keys;
using Serverless.LocalHost.FunctionsHost.Messaging;
using Serverless.LocalHost.FunctionsHost.Outputs;
using Serverless.LocalHost.FunctionsHost.Triggers;
using Serverless.Storage;

namespace Serverless.LocalHost;

/// <summary>
/// The local stand-in for the Azure Functions host: reads host.json and every function.json, runs the custom
/// handler as a child process, serves httpTrigger functions, fires timers and delivers queue and Service Bus
/// messages, with the same payloads the Azure host sends.
/// </summary>
public sealed class LocalFunctionsHost : IAsyncDisposable
{
    public const string BodySizeLimitSetting = "FUNCTIONS_REQUEST_BODY_SIZE_LIMIT";
    public const string TimeZoneSetting = "WEBSITE_TIME_ZONE";
    public const string DefaultTimeZone = "America/New_York";

    private readonly WebApplication _web;
    private readonly HandlerProcess _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _listeners = [];
    private readonly HttpClient _handlerClient;

    private LocalFunctionsHost(WebApplication web, HandlerProcess handler, HttpClient handlerClient, HostConfiguration configuration, IReadOnlyList<FunctionDefinition> functions, KeyStore keys, StorageClients storage)
    {
        _web = web;
        _handler = handler;
        _handlerClient = handlerClient;
        Configuration = configuration;
        Functions = functions;
        Keys = keys;
        Storage = storage;
    }

    public HostConfiguration Configuration { get; }

    public IReadOnlyList<FunctionDefinition> Functions { get; }

    public KeyStore Keys { get; }

    public StorageClients Storage { get; }

    public HandlerProcess Handler => _handler;

    public Uri BaseAddress { get; private set; } = new("http://localhost:7071/");

    /// <summary>The durable backend and management API; null when the app has no durable bindings.</summary>
    public DurableHost? Durable { get; private set; }

    /// <summary>The clock everything in this host runs on.</summary>
    public TimeProvider Clock { get; private set; } = TimeProvider.System;

    /// <summary>Loads the app, starts the handler and every trigger; throws <see cref="ConfigurationException"/> on a bad app.</summary>
    public static async Task<LocalFunctionsHost> StartAsync(LocalHostOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var appRoot = Path.GetFullPath(options.AppRoot);
        var settings = new AppSettings(appRoot, options.AppSettings);
        var configuration = HostJsonLoader.Load(Path.Combine(appRoot, "host.json"), "host.json");
        configuration = configuration with { HubName = ResolveHubName(options.HubName ?? configuration.HubName, settings) };
        var functions = FunctionJsonLoader.LoadAll(appRoot, settings.Get);
        var timeZone = ResolveTimeZone(settings.Get(TimeZoneSetting));
        var storage = new StorageClients(options.Storage);
        var keys = await KeyStore.LoadAsync(storage, options.HostId, settings.Get(KeyStore.AdminKeyVariable), functions.Select(f => f.Name), cancellationToken);

        var handlerEnvironment = new Dictionary<string, string?>(settings.ForHandler())
        {
            [StorageConnection.SettingName] = options.Storage.ConnectionString,
            [TimeZoneSetting] = timeZone.Id,
            ["AzureFunctionsWebHost__hostid"] = options.HostId,
        };
        var handlerCommand = options.Handler ?? HandlerCommand.Resolve(appRoot, configuration, options.BuildConfiguration);
        var handler = new HandlerProcess(handlerCommand, handlerEnvironment, loggers.CreateLogger("Host.CustomHandler"));
        await handler.StartAsync(cancellationToken);
        try
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Services.AddSingleton(loggers);
            builder.Logging.ClearProviders();
            var maxBody = long.TryParse(settings.Get(BodySizeLimitSetting), out var limit) && limit > 0 ? limit : 100L * 1024 * 1024;
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                if (options.Port == 0)
                {
                    kestrel.Listen(System.Net.IPAddress.Loopback, 0);
                }
                else
                {
                    kestrel.ListenLocalhost(options.Port);
                }
                kestrel.Limits.MaxRequestBodySize = maxBody;
            });
            builder.Services.AddProblemDetails();
            var web = builder.Build();

            var handlerClient = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var queues = new MessageQueues(storage, new QueueSignals(), options.Clock);
            var invoker = new FunctionInvoker(handler, handlerClient, configuration, new OutputBindingSender(queues, options.Clock), options.Clock, loggers.CreateLogger<FunctionInvoker>());
            var host = new LocalFunctionsHost(web, handler, handlerClient, configuration, functions, keys, storage) { Clock = options.Clock };
            if (DurableHost.IsUsedBy(functions))
            {
                host.Durable = await DurableHost.CreateAsync(storage, configuration, functions, invoker, keys, () => host.BaseAddress, options.Clock, options.Durable, loggers, cancellationToken);
                host.Durable.MapEndpoints(web, keys);
                invoker.AddInputBindings = host.Durable.AddClientBindings;
            }
            if (options.Clock is VirtualClock virtualClock && host.Durable is { } durable)
            {
                virtualClock.AddQuiescenceProbe(durable.Backend.WaitIdleAsync);
            }

            MapHttpFunctions(web, configuration, functions, invoker, keys, maxBody);
            AdminEndpoints.Map(web, new AdminContext(options.HostId, functions, keys, invoker, handler, queues, options.Clock, options.Clock.GetUtcNow()));
            // Token lifetimes are security time, checked against the real clock by the handler, even on a virtual clock.
            DevTokenEndpoints.Map(web, presented => keys.IsMasterKey(presented), settings.Get, TimeProvider.System);
            ClockEndpoints.Map(web, options.Clock, keys);
            web.UseStatusCodePages(async status =>
            {
                var response = status.HttpContext.Response;
                if (!response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
                {
                    await Problems.WriteAsync(status.HttpContext, response.StatusCode, ReasonPhrases.GetReasonPhrase(response.StatusCode), $"{status.HttpContext.Request.Method} {status.HttpContext.Request.Path}");
                }
            });
            web.UseRouting();
            web.UseEndpoints(_ => { });
            // Reached only when no endpoint matched (a known route with another method gets routing's 405 instead).
            web.Run(context => Problems.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", $"No function or host endpoint answers {context.Request.Method} {context.Request.Path}."));

            await web.StartAsync(cancellationToken);
            var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            host.BaseAddress = new Uri(address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal).TrimEnd('/') + "/");

            host.StartListeners(functions, configuration, timeZone, storage, options, invoker, queues, loggers);
            host.Durable?.Start();
            return host;
        }
        catch
        {
            // A start that fails after the handler is up (port taken, bad durable settings) must not orphan the handler.
            await handler.DisposeAsync();
            throw;
        }
    }

    private static void MapHttpFunctions(WebApplication web, HostConfiguration configuration, IReadOnlyList<FunctionDefinition> functions, FunctionInvoker invoker, KeyStore keys, long maxBody)
    {
        var prefix = string.IsNullOrEmpty(configuration.RoutePrefix) ? "" : "/" + configuration.RoutePrefix;
        foreach (var function in functions)
        {
            if (function.Trigger is HttpTriggerBinding http)
            {
                var endpoint = new HttpTriggerEndpoint(function, http, invoker, keys, maxBody);
                web.MapMethods($"{prefix}/{http.Route ?? function.Name}", http.Methods.Select(m => m.ToUpperInvariant()), endpoint.HandleAsync);
            }
        }
    }

    private void StartListeners(IReadOnlyList<FunctionDefinition> functions, HostConfiguration configuration, TimeZoneInfo timeZone, StorageClients storage, LocalHostOptions options, FunctionInvoker invoker, MessageQueues queues, ILoggerFactory loggers)
    {
        var monitor = new ScheduleMonitor(storage, options.HostId);
        foreach (var function in functions)
        {
            var logger = loggers.CreateLogger($"Function.{function.Name}");
            Func<CancellationToken, Task>? run = function.Trigger switch
            {
                TimerTriggerBinding timer => new TimerListener(function, timer, timeZone, monitor, invoker, options.Clock, logger).RunAsync,
                QueueTriggerBinding queue => new QueueListener(function, new StorageQueueDelivery(queue, configuration.Queues, queues), invoker, queues, configuration, logger).RunAsync,
                ServiceBusTriggerBinding bus => new QueueListener(function, new ServiceBusDelivery(bus, configuration.ServiceBus, queues), invoker, queues, configuration, logger).RunAsync,
                _ => null,
            };
            if (run is not null)
            {
                _listeners.Add(Task.Run(() => RunListenerAsync(function, run, logger)));
            }
        }
    }

    private async Task RunListenerAsync(FunctionDefinition function, Func<CancellationToken, Task> run, ILogger logger)
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await run(_stopping.Token);
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The {Trigger} listener of {Function} failed; restarting it", function.Trigger.Type, function.Name);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    // host.json may name the hub through an app setting ("%MyTaskHub%"), as the Durable extension allows.
    private static string ResolveHubName(string hubName, AppSettings settings)
    {
        if (hubName.Length > 2 && hubName.StartsWith('%') && hubName.EndsWith('%'))
        {
            var setting = hubName[1..^1];
            return settings.Get(setting) ?? throw new ConfigurationException("host.json", "extensions.durableTask.hubName", $"the app setting '{setting}' it names is not set");
        }
        return hubName;
    }

    public static TimeZoneInfo ResolveTimeZone(string? id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(id) ? DefaultTimeZone : id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new ConfigurationException("app settings", TimeZoneSetting, $"\"{id}\" is not a known time zone (use an IANA id such as America/New_York)");
        }
    }

    /// <summary>Stops everything, each step even when an earlier one failed (storage gone, say), so no handler process outlives the host.</summary>
    public async ValueTask DisposeAsync()
    {
        var failures = new List<Exception>();
        async Task Step(Func<Task> step)
        {
            try
            {
                await step();
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        }
        await Step(() => _stopping.CancelAsync());
        await Step(() => Task.WhenAll(_listeners));
        await Step(async () => { if (Durable is not null) { await Durable.DisposeAsync(); } });
        await Step(() => _web.StopAsync());
        await Step(async () => await _web.DisposeAsync());
        await Step(async () => await _handler.DisposeAsync());
        _handlerClient.Dispose();
        _stopping.Dispose();
        if (failures.Count > 0)
        {
            throw new AggregateException("The local host did not stop cleanly", failures);
        }
    }
}
