using NodaTime;

namespace Serverless.Workflows.Hasa;

/// <summary>
/// §21-128(c)(1): takes an application or a document submission, credits the items to the case's applications, and
/// writes the receipt. The first receipt that finds an application complete fixes its completed-application date.
/// </summary>
public static class ReceiptDesk
{
    public sealed record Taken(
        string? Conflict, IReadOnlyList<BenefitApplication> All, IReadOnlyList<BenefitApplication> Changed, IReadOnlyList<BenefitApplication> New);

    public static Taken Take(HasaCase c, IReadOnlyList<BenefitApplication> existing, HasaSubmission submission, bool isApplication)
    {
        var all = existing.ToDictionary(a => a.ApplicationId, StringComparer.OrdinalIgnoreCase);
        var created = new List<BenefitApplication>();
        IEnumerable<string> targets;
        if (isApplication)
        {
            foreach (var request in submission.Benefits)
            {
                var id = request.Benefit.ToLowerInvariant();
                if (all.ContainsKey(id))
                {
                    return new($"an application for '{id}' is already on this case; send documents to it instead", existing, [], []);
                }
                var application = new BenefitApplication
                {
                    CaseId = c.CaseId,
                    ApplicationId = id,
                    Benefit = id,
                    RequestedOn = submission.ReceivedOn,
                    Channel = submission.Channel,
                    RequiredItems = request.RequiredItems ?? HasaBenefitCatalog.RequiredItems(id),
                    HasLegallyMandatedTimeFrame = HasaBenefitCatalog.HasLegallyMandatedTimeFrame(id),
                };
                all[id] = application;
                created.Add(application);
            }
            targets = created.Select(a => a.ApplicationId);
        }
        else
        {
            if (all.Count == 0)
            {
                return new("no application is on this case; submit an application first", existing, [], []);
            }
            var unknown = submission.ApplicationIds?.FirstOrDefault(id => !all.ContainsKey(id));
            if (unknown is not null)
            {
                return new($"no application '{unknown}' on this case", existing, [], []);
            }
            targets = submission.ApplicationIds ?? [.. all.Keys];
        }
        var changed = new List<BenefitApplication>();
        foreach (var id in targets.ToList())
        {
            var before = all[id];
            var received = before.ItemsReceived.Union(submission.ItemsReceived, StringComparer.OrdinalIgnoreCase).ToList();
            var after = before with { ItemsReceived = received };
            if (after.CompletedOn is null && after.MissingItems.Count == 0)
            {
                after = after with { CompletedOn = submission.ReceivedOn };
            }
            all[id] = after;
            changed.Add(after);
        }
        return new(null, [.. all.Values], changed, created);
    }

    public static HasaReceipt Receipt(string number, HasaCase c, HasaSubmission submission, IReadOnlyList<BenefitApplication> all, Instant now) => new(
        number, c.CaseId, submission.ReceivedOn, now, submission.Channel, submission.ItemsReceived,
        [.. all.OrderBy(a => a.ApplicationId, StringComparer.Ordinal)
            .Select(a => new ReceiptBenefitLine(a.ApplicationId, a.Benefit, a.MissingItems.Count == 0, a.MissingItems))]);
}
