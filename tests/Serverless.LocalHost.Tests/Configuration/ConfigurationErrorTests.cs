using Serverless.LocalHost.FunctionsHost.Configuration;
using Serverless.LocalHost.Tests.Support;

namespace Serverless.LocalHost.Tests.Configuration;

public sealed class ConfigurationErrorTests : IDisposable
{
    private readonly string _app = Directory.CreateTempSubdirectory("serverless-config-").FullName;

    private const string ValidHost = """{ "version": "2.0", "customHandler": { "description": { "defaultExecutablePath": "handler/app" } } }""";

    public void Dispose() => Directory.Delete(_app, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_app, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private ConfigurationException LoadFails(Func<string, string?>? settings = null)
    {
        Write("host.json", ValidHost);
        return Assert.Throws<ConfigurationException>(() => FunctionJsonLoader.LoadAll(_app, settings ?? (_ => null)));
    }

    [Fact]
    public void Malformed_function_json_names_the_file_and_the_line()
    {
        Write("functions/Bad/function.json", "{ \"bindings\": [ { \"type\": \"httpTrigger\", }\n oops ]");

        var error = LoadFails();

        Assert.Equal(Path.Combine("functions", "Bad", "function.json"), error.File);
        Assert.StartsWith("line 2", error.Field);
        Assert.Contains("functions/Bad/function.json", error.Message);
    }

    [Fact]
    public void Unsupported_binding_type_names_the_field()
    {
        Write("functions/Blobby/function.json", """{ "bindings": [ { "type": "blobTrigger", "direction": "in", "name": "blob", "path": "x/{name}" } ] }""");

        var error = LoadFails();

        Assert.Equal("bindings[0].type", error.Field);
        Assert.Contains("blobTrigger", error.Problem);
    }

    [Fact]
    public void Five_field_cron_is_rejected_naming_the_schedule_field()
    {
        Write("functions/T/function.json", """{ "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "t", "schedule": "*/5 * * * *" } ] }""");

        var error = LoadFails();

        Assert.Equal("bindings[0].schedule", error.Field);
        Assert.Contains("6-field NCRONTAB", error.Problem);
    }

    [Fact]
    public void Schedule_from_an_app_setting_is_resolved_and_a_missing_setting_is_named()
    {
        Write("functions/T/function.json", """{ "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "t", "schedule": "%MySchedule%" } ] }""");

        var error = LoadFails();
        Assert.Contains("MySchedule", error.Problem);

        var loaded = FunctionJsonLoader.LoadAll(_app, name => name == "MySchedule" ? "0 30 9 * * 1-5" : null);
        Assert.Equal("0 30 9 * * 1-5", Assert.IsType<TimerTriggerBinding>(loaded.Single().Trigger).Schedule);
    }

    [Fact]
    public void Service_Bus_topics_are_rejected_naming_topicName()
    {
        Write("functions/S/function.json", """{ "bindings": [ { "type": "serviceBusTrigger", "direction": "in", "name": "m", "topicName": "t", "subscriptionName": "s" } ] }""");

        Assert.Equal("bindings[0].topicName", LoadFails().Field);
    }

    [Fact]
    public void A_function_needs_exactly_one_trigger()
    {
        Write("functions/Two/function.json", """{ "bindings": [ { "type": "queueTrigger", "direction": "in", "name": "a", "queueName": "a" }, { "type": "queueTrigger", "direction": "in", "name": "b", "queueName": "b" } ] }""");

        var error = LoadFails();

        Assert.Equal("bindings", error.Field);
        Assert.Contains("exactly one trigger", error.Problem);
    }

    [Fact]
    public void Wrong_direction_is_named()
    {
        Write("functions/D/function.json", """{ "bindings": [ { "type": "httpTrigger", "direction": "out", "name": "req" } ] }""");

        Assert.Equal("bindings[0].direction", LoadFails().Field);
    }

    [Fact]
    public void Disabled_functions_are_skipped()
    {
        Write("host.json", ValidHost);
        Write("functions/On/function.json", """{ "bindings": [ { "type": "queueTrigger", "direction": "in", "name": "a", "queueName": "a" } ] }""");
        Write("functions/Off/function.json", """{ "bindings": [ { "type": "queueTrigger", "direction": "in", "name": "a", "queueName": "b" } ] }""");

        var loaded = FunctionJsonLoader.LoadAll(_app, name => name == "AzureWebJobs.Off.Disabled" ? "true" : null);

        Assert.Equal("On", loaded.Single().Name);
    }

    [Fact]
    public void Host_json_must_be_version_2_and_describe_the_custom_handler()
    {
        Write("host.json", """{ "version": "1.0" }""");
        Assert.Equal("version", Assert.Throws<ConfigurationException>(() => HostJsonLoader.Load(Path.Combine(_app, "host.json"), "host.json")).Field);

        Write("host.json", """{ "version": "2.0" }""");
        Assert.Equal("customHandler", Assert.Throws<ConfigurationException>(() => HostJsonLoader.Load(Path.Combine(_app, "host.json"), "host.json")).Field);

        Write("host.json", """{ "version": "2.0", "functionTimeout": "soon", "customHandler": { "description": { "defaultExecutablePath": "h" } } }""");
        Assert.Equal("functionTimeout", Assert.Throws<ConfigurationException>(() => HostJsonLoader.Load(Path.Combine(_app, "host.json"), "host.json")).Field);
    }

    [Fact]
    public void The_repository_host_json_and_functions_load()
    {
        var host = HostJsonLoader.Load(Path.Combine(RepositoryPaths.Root, "host.json"), "host.json");
        var functions = FunctionJsonLoader.LoadAll(RepositoryPaths.Root, _ => null);

        Assert.Equal("handler/Serverless.Functions", host.Handler.DefaultExecutablePath);
        Assert.Equal("ServerlessHub", host.HubName);
        Assert.Equal(10, host.ServiceBus.MaxDeliveryCount);
        Assert.Contains(functions, f => f.Name == "Health" && f.Trigger is HttpTriggerBinding { Route: "health", AuthLevel: AuthLevel.Anonymous });
        Assert.Contains(functions, f => f.Name == "Heartbeat" && f.Trigger is TimerTriggerBinding);
    }
}
