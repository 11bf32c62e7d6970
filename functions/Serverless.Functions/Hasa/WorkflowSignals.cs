using System.Net;
using Serverless.Durable.Client;
using Serverless.Functions.Invocations;
using Serverless.Workflows.Hasa;
using Serverless.Workflows.Hasa.Workflows;

namespace Serverless.Functions.Hasa;

/// <summary>
/// Starts and wakes a case's orchestrations through the management API named by the function's
/// <c>durableClient</c> binding (<c>Data.starter</c>). Starting is idempotent (instance id = case id, or a derived id),
/// so a retried form never creates a second instance.
/// </summary>
public sealed class WorkflowSignals(DurableClient client)
{
    public const string BindingName = "starter";

    public static WorkflowSignals? From(InvocationRequest invocation, HttpClient http)
    {
        if (!invocation.Data.TryGetValue(BindingName, out var binding) || binding.ValueKind is System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined)
        {
            return null;
        }
        var json = binding.ValueKind == System.Text.Json.JsonValueKind.String ? binding.GetString()! : binding.GetRawText();
        return new WorkflowSignals(new DurableClient(http, DurableClientOptions.FromBinding(json)));
    }

    public DurableClient Client => client;

    public Task<string> StartHousingAsync(string caseId, CancellationToken ct) =>
        client.ScheduleNewOrchestrationInstanceAsync(nameof(HasaHousingReferral), new HousingReferralInput(caseId), new StartOrchestrationOptions(caseId), ct);

    public Task<string> StartTerminationGuardAsync(string caseId, CancellationToken ct) =>
        client.ScheduleNewOrchestrationInstanceAsync(nameof(HasaTerminationGuard), new TerminationGuardInput(caseId),
            new StartOrchestrationOptions(HasaScopes.TerminationInstance(caseId)), ct);

    public Task<string> StartApplicationAsync(string caseId, string applicationId, CancellationToken ct) =>
        client.ScheduleNewOrchestrationInstanceAsync(nameof(HasaBenefitApplication), new BenefitApplicationInput(caseId, applicationId),
            new StartOrchestrationOptions(HasaScopes.ApplicationInstance(caseId, applicationId)), ct);

    /// <summary>Wakes an instance; one that does not exist or has ended has nothing to wake, which is not an error.</summary>
    public async Task<bool> WakeAsync(string instanceId, string caseId, long sequence, CancellationToken ct)
    {
        try
        {
            await client.RaiseEventAsync(instanceId, HasaSignals.CaseChanged, new CaseChangedSignal(caseId, sequence), ct);
            return true;
        }
        catch (DurableClientException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return false;
        }
    }
}
