using System.CommandLine;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Serverless.LocalHost;
using Serverless.LocalHost.Azurite;
using Serverless.LocalHost.Clock;
using Serverless.LocalHost.Durable;
using Serverless.LocalHost.FunctionsHost.Admin;
using Serverless.LocalHost.FunctionsHost.Configuration;
using Serverless.LocalHost.FunctionsHost.Handler;
using Serverless.Storage;

namespace Serverless.Cli.Commands;

/// <summary><c>serverless start</c>: Azurite (when needed), the local Functions host and the handler, until Ctrl+C.</summary>
internal static class StartCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "HTTP port of the host", DefaultValueFactory = _ => 7071 };
        var appRoot = new Option<string?>("--app-root") { Description = "Folder with host.json (default: found from the working directory upwards)" };
        var handler = new Option<string?>("--handler") { Description = "Custom handler to launch (.dll or executable); default: host.json's defaultExecutablePath, else the repository build" };
        var data = new Option<string?>("--data") { Description = "Persist the embedded Azurite's data in this folder (default: in memory)" };
        var virtualClock = new Option<bool>("--virtual-clock") { Description = "Run timers, timer triggers and durable timers on a virtual clock moved by POST /admin/clock/advance?by=P90D" };
        var clockStart = new Option<string?>("--clock-start") { Description = "Start time of the virtual clock (ISO-8601; default: now)" };
        var command = new Command("start", "Run the local Functions host, the handler and (when needed) Azurite") { port, appRoot, handler, data, virtualClock, clockStart };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(port), parse.GetValue(appRoot), parse.GetValue(handler), parse.GetValue(data), parse.GetValue(virtualClock), parse.GetValue(clockStart), ct));
        return command;
    }

    private static async Task<int> RunAsync(int port, string? appRootOption, string? handlerOption, string? dataOption, bool virtualClock, string? clockStart, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss "; })
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)); // start-up failures are reported once, as one line
        var log = loggers.CreateLogger("serverless");
        AzuriteProcess? azurite = null;
        try
        {
            var root = AppRootLocator.Find(appRootOption);
            var (storage, started) = await StorageBootstrap.ResolveAsync(
                Environment.GetEnvironmentVariable(StorageConnection.SettingName),
                dataOption is null ? null : Path.GetFullPath(dataOption),
                root,
                message => log.LogInformation("{Message}", message),
                cancellationToken);
            azurite = started;
            var clock = CreateClock(virtualClock, clockStart);
            var options = new LocalHostOptions
            {
                AppRoot = root,
                Storage = storage,
                Port = port,
                Handler = handlerOption is null ? null : HandlerCommand.ForPath(handlerOption),
                Clock = clock,
                Durable = DurableOptionsFromEnvironment(),
                AppSettings = DevelopmentSettings(),
                BuildConfiguration = Assembly.GetExecutingAssembly().GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BuildConfiguration")?.Value ?? "Debug",
            };
            await using var host = await LocalFunctionsHost.StartAsync(options, loggers, cancellationToken);
            PrintBanner(host);
            if (clock is VirtualClock)
            {
                Console.WriteLine($"Virtual clock at {clock.GetUtcNow():O}: GET /admin/clock, POST /admin/clock/advance?by=P90D (admin key).");
            }
            await WaitForShutdownAsync(cancellationToken);
            Console.WriteLine("Stopping ...");
            return 0;
        }
        catch (Exception ex) when (ex is ConfigurationException or CliException or IOException or InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine($"serverless start: {ex.Message}");
            return 1;
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        }
    }

    private static TimeProvider CreateClock(bool virtualClock, string? clockStart)
    {
        if (!virtualClock)
        {
            return clockStart is null ? TimeProvider.System : throw new CliException("--clock-start needs --virtual-clock.");
        }
        if (clockStart is null)
        {
            return new VirtualClock(DateTimeOffset.UtcNow);
        }
        return DateTimeOffset.TryParse(clockStart, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
            ? new VirtualClock(start)
            : throw new CliException($"--clock-start \"{clockStart}\" is not an ISO-8601 time such as 2026-03-01T09:00:00-05:00.");
    }

    // Failover timing for tests and operations: how soon another process takes over a dead one's partitions and messages.
    private static DurableBackendOptions DurableOptionsFromEnvironment()
    {
        var options = new DurableBackendOptions();
        if (TimeSpan.TryParse(Environment.GetEnvironmentVariable("SERVERLESS_DURABLE_LEASE"), CultureInfo.InvariantCulture, out var lease) && lease > TimeSpan.Zero)
        {
            options = options with { LeaseDuration = lease };
        }
        if (TimeSpan.TryParse(Environment.GetEnvironmentVariable("SERVERLESS_DURABLE_VISIBILITY"), CultureInfo.InvariantCulture, out var visibility) && visibility > TimeSpan.Zero)
        {
            options = options with { MessageVisibility = visibility };
        }
        if (TimeSpan.TryParse(Environment.GetEnvironmentVariable("SERVERLESS_DURABLE_MAX_IDLE_POLL"), CultureInfo.InvariantCulture, out var poll) && poll > TimeSpan.Zero)
        {
            options = options with { MaxIdlePoll = poll, MaxIdlePollAlone = poll };
        }
        return options;
    }

    /// <summary>
    /// Like the Functions Core Tools, a local start is a Development environment unless told otherwise; it then gets a
    /// dev-token signing key (fresh each start unless SERVERLESS_DEV_TOKEN_KEY is set) so /admin/dev-token works.
    /// </summary>
    private static Dictionary<string, string?> DevelopmentSettings()
    {
        var settings = new Dictionary<string, string?>();
        var environment = Environment.GetEnvironmentVariable(DevTokenEndpoints.EnvironmentSetting);
        if (string.IsNullOrEmpty(environment))
        {
            settings[DevTokenEndpoints.EnvironmentSetting] = environment = "Development";
        }
        if (string.Equals(environment, "Development", StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(DevTokenEndpoints.KeySetting)))
        {
            settings[DevTokenEndpoints.KeySetting] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        }
        return settings;
    }

    private static void PrintBanner(LocalFunctionsHost host)
    {
        Console.WriteLine();
        Console.WriteLine("Functions:");
        var prefix = string.IsNullOrEmpty(host.Configuration.RoutePrefix) ? "" : host.Configuration.RoutePrefix + "/";
        foreach (var function in host.Functions)
        {
            Console.WriteLine(function.Trigger switch
            {
                HttpTriggerBinding http => $"  {function.Name}: [{string.Join(",", http.Methods).ToUpperInvariant()}] {host.BaseAddress}{prefix}{http.Route ?? function.Name} (auth: {http.AuthLevel.ToString().ToLowerInvariant()})",
                TimerTriggerBinding timer => $"  {function.Name}: timerTrigger \"{timer.Schedule}\"",
                QueueTriggerBinding queue => $"  {function.Name}: queueTrigger {queue.QueueName}",
                ServiceBusTriggerBinding bus => $"  {function.Name}: serviceBusTrigger {bus.QueueName} (storage-queue stand-in)",
                _ => $"  {function.Name}: {function.Trigger.Type}",
            });
        }
        if (host.Keys.MasterKeyGenerated)
        {
            Console.WriteLine();
            Console.WriteLine($"Admin (master) key, generated and stored on this first start: {host.Keys.MasterKey}");
            Console.WriteLine("Set SERVERLESS_ADMIN_KEY to choose your own.");
        }
        Console.WriteLine();
        Console.WriteLine($"Host listening on {host.BaseAddress} (handler on port {host.Handler.Port}). Press Ctrl+C to stop.");
    }

    private static async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        var stop = new TaskCompletionSource();
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; stop.TrySetResult(); });
        using var registration = cancellationToken.Register(() => stop.TrySetResult());
        await stop.Task;
    }
}
