using System.Text.Json.Nodes;
using NodaTime;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Hasa;

namespace Serverless.Functions.Hasa;

/// <summary>Reads the agency forms into commands, collecting every field error.</summary>
public static class HasaForms
{
    private static readonly string[] EventTypes = [.. Enum.GetNames<HasaEventType>().Where(n => n != nameof(HasaEventType.EligibilityDetermined))];

    public static NewHasaCase? Case(JsonNode? body, LocalDate today, FieldErrors errors)
    {
        var caseId = errors.Id(body, "caseId");
        var clientId = errors.Id(body, "clientId");
        var office = errors.Text(body, "office");
        var household = errors.OneOf(body, "household", ["individual", "family"]);
        var eligible = errors.Date(body, "eligibilityDeterminedOn", today);
        var homeless = errors.Bool(body, "homeless");
        ClientIdentity? identity = null;
        if (body?["client"] is JsonObject client)
        {
            var name = errors.Text(client, "name");
            var born = errors.Date(client, "dateOfBirth", today, required: false, legalDay: false);
            var address = client["address"]?.GetValue<string>();
            identity = name is null ? null : new ClientIdentity(name, born, address);
            Rename(errors, ["name", "dateOfBirth"], "client.");
        }
        return errors.Any ? null : new NewHasaCase(caseId!, clientId!, office!, household == "family" ? HouseholdKind.Family : HouseholdKind.Individual, eligible!.Value, homeless!.Value, identity);
    }

    public static HasaEventDraft? Event(JsonNode? body, LocalDate today, FieldErrors errors)
    {
        var typeName = errors.OneOf(body, "type", EventTypes);
        var on = errors.Date(body, "occurredOn", today);
        var type = typeName is null ? (HasaEventType?)null : Enum.Parse<HasaEventType>(typeName);
        var option = errors.Text(body, "optionId", required: type == HasaEventType.ReferralMade);
        var needs = errors.Strings(body, "needsConsidered", required: type == HasaEventType.ReferralMade, HasaNeed.All);
        if (type == HasaEventType.ReferralMade && needs is not null && needs.Count < HasaNeed.All.Count)
        {
            errors.Add("needsConsidered", $"a referral must take into consideration medical, educational and familial needs and social circumstances (§21-128(c)(2)(c)); missing: {string.Join(", ", HasaNeed.All.Except(needs))}");
        }
        var ground = errors.OneOf(body, "ground", TerminationGround.All, required: type == HasaEventType.TerminationRequested);
        var applicationId = errors.Text(body, "applicationId", required: type is HasaEventType.BenefitApproved or HasaEventType.BenefitProvided
            or HasaEventType.BenefitDenied or HasaEventType.ApplicationWithdrawn);
        var reason = errors.Text(body, "reason", required: false);
        var tracking = errors.Text(body, "trackingNumber", required: false);
        var facility = errors.Text(body, "facilityId", required: false);
        return errors.Any ? null : new HasaEventDraft(type!.Value, on!.Value, option, needs, ground, reason, tracking, applicationId?.ToLowerInvariant(), facility);
    }

    public static HasaSubmission? Submission(JsonNode? body, LocalDate today, bool isApplication, FieldErrors errors)
    {
        var received = errors.Date(body, "receivedOn", today);
        var channel = errors.OneOf(body, "channel", ["written", "oral"]);
        var items = errors.Strings(body, "itemsReceived", required: !isApplication) ?? [];
        if (!isApplication && items.Count == 0 && !errors.All.ContainsKey("itemsReceived"))
        {
            errors.Add("itemsReceived", "must list at least one item");
        }
        var benefits = new List<BenefitRequest>();
        if (isApplication)
        {
            if (body?["benefits"] is not JsonArray array || array.Count == 0)
            {
                errors.Add("benefits", "must list at least one benefit");
            }
            else
            {
                for (var i = 0; i < array.Count; i++)
                {
                    var nested = new FieldErrors();
                    var benefit = nested.OneOf(array[i], "benefit", HasaBenefitCatalog.Names);
                    var required = nested.Strings(array[i], "requiredItems", required: false);
                    foreach (var (field, messages) in nested.All)
                    {
                        messages.ForEach(m => errors.Add($"benefits[{i}].{field}", m));
                    }
                    if (benefit is not null && !nested.Any)
                    {
                        benefits.Add(new BenefitRequest(benefit, required));
                    }
                }
                if (benefits.GroupBy(b => b.Benefit).Any(g => g.Count() > 1))
                {
                    errors.Add("benefits", "lists a benefit twice");
                }
            }
        }
        var applicationIds = isApplication ? null : errors.Strings(body, "applicationIds", required: false);
        return errors.Any ? null : new HasaSubmission(received!.Value, channel!, items, benefits, applicationIds);
    }

    private static void Rename(FieldErrors errors, string[] fields, string prefix)
    {
        foreach (var field in fields.Where(errors.All.ContainsKey))
        {
            errors.All[prefix + field] = errors.All[field];
            errors.All.Remove(field);
        }
    }
}
