namespace Serverless.LocalHost.Durable.Http;

/// <summary>
/// The management API's URLs as the Durable extension writes them: <c>{base}/runtime/webhooks/durabletask/...</c>
/// followed by <c>taskHub</c>, <c>connection</c> and <c>code</c>.
/// </summary>
public sealed class ManagementUrls(Func<Uri> hostBase, string hubName, Func<string> masterKey)
{
    public const string Root = "runtime/webhooks/durabletask";

    public string BaseUrl => hostBase().ToString().TrimEnd('/') + "/" + Root;

    public string RequiredQuery => $"taskHub={Uri.EscapeDataString(hubName)}&connection=Storage&code={Uri.EscapeDataString(masterKey())}";

    public string StatusQueryGet(string instanceId) => $"{Instance(instanceId)}?{RequiredQuery}";

    /// <summary>The management payload, in the order of azure-contracts.md §3.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Payload(string instanceId)
    {
        var instance = Instance(instanceId);
        return
        [
            new("id", instanceId),
            new("statusQueryGetUri", $"{instance}?{RequiredQuery}"),
            new("sendEventPostUri", $"{instance}/raiseEvent/{{eventName}}?{RequiredQuery}"),
            new("terminatePostUri", $"{instance}/terminate?reason={{text}}&{RequiredQuery}"),
            new("purgeHistoryDeleteUri", $"{instance}?{RequiredQuery}"),
            new("rewindPostUri", $"{instance}/rewind?reason={{text}}&{RequiredQuery}"),
            new("suspendPostUri", $"{instance}/suspend?reason={{text}}&{RequiredQuery}"),
            new("resumePostUri", $"{instance}/resume?reason={{text}}&{RequiredQuery}"),
        ];
    }

    /// <summary>The value of a <c>durableClient</c> input binding, as the extension gives out-of-proc workers.</summary>
    public string ClientBinding()
    {
        var templateId = "INSTANCEID";
        var management = new System.Text.Json.Nodes.JsonObject();
        foreach (var (name, value) in Payload(templateId))
        {
            management[name] = value;
        }
        var binding = new System.Text.Json.Nodes.JsonObject
        {
            ["taskHubName"] = hubName,
            ["creationUrls"] = new System.Text.Json.Nodes.JsonObject
            {
                ["createNewInstancePostUri"] = $"{BaseUrl}/orchestrators/{{functionName}}[/{{instanceId}}]?{RequiredQuery}",
                ["createAndWaitOnNewInstancePostUri"] = $"{BaseUrl}/orchestrators/{{functionName}}[/{{instanceId}}]?timeout={{timeoutInSeconds}}&pollingInterval={{intervalInSeconds}}&{RequiredQuery}",
            },
            ["managementUrls"] = management,
            ["baseUrl"] = BaseUrl,
            ["requiredQueryStringParameters"] = RequiredQuery,
            ["rpcBaseUrl"] = null,
            ["httpBaseUrl"] = BaseUrl,
        };
        return binding.ToJsonString();
    }

    private string Instance(string instanceId) => $"{BaseUrl}/instances/{Uri.EscapeDataString(instanceId)}";
}
