using System.Text.Json;
using Azure.Data.Tables;
using NodaTime;
using Serverless.Workflows.Ledger;

namespace Serverless.Workflows.Hasa;

/// <summary>
/// The §21-128(l) tracker on its own table, one partition per facility: the facility, its vacancies, conditions and
/// the referrals made to it. Matching answers which medically appropriate options are available on a day, which is
/// the objective test behind "no option available" (seed catalog T-04 ambiguity 5).
/// </summary>
public sealed class FacilityTracker(TableClient table)
{
    private const string FacilityRow = "facility";
    private static readonly JsonSerializerOptions Json = LedgerJson.Options;

    public Task RegisterAsync(Facility facility, CancellationToken ct = default) =>
        table.UpsertEntityAsync(Row(facility.FacilityId, FacilityRow, facility), TableUpdateMode.Replace, ct);

    public async Task<Facility?> GetAsync(string facilityId, CancellationToken ct = default)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(facilityId, FacilityRow, cancellationToken: ct);
        return row.HasValue ? JsonSerializer.Deserialize<Facility>(row.Value!.GetString("Json"), Json) : null;
    }

    public Task OpenVacancyAsync(Vacancy vacancy, CancellationToken ct = default) =>
        table.UpsertEntityAsync(Row(vacancy.FacilityId, "vac|" + vacancy.VacancyId, vacancy), TableUpdateMode.Replace, ct);

    public Task CloseVacancyAsync(Vacancy vacancy, LocalDate on, CancellationToken ct = default) =>
        table.UpsertEntityAsync(Row(vacancy.FacilityId, "vac|" + vacancy.VacancyId, vacancy with { ClosedOn = on }), TableUpdateMode.Replace, ct);

    public Task RecordConditionAsync(FacilityCondition condition, CancellationToken ct = default) =>
        table.UpsertEntityAsync(Row(condition.FacilityId, "cond|" + condition.ConditionId, condition), TableUpdateMode.Replace, ct);

    public Task RecordReferralAsync(FacilityReferral referral, CancellationToken ct = default) =>
        table.UpsertEntityAsync(Row(referral.FacilityId, $"ref|{referral.CaseId}|{referral.ReferralNumber:D4}", referral), TableUpdateMode.Replace, ct);

    public Task<IReadOnlyList<Vacancy>> VacanciesAsync(string facilityId, CancellationToken ct = default) => ListAsync<Vacancy>(facilityId, "vac|", ct);

    public Task<IReadOnlyList<FacilityCondition>> ConditionsAsync(string facilityId, CancellationToken ct = default) => ListAsync<FacilityCondition>(facilityId, "cond|", ct);

    public Task<IReadOnlyList<FacilityReferral>> ReferralsAsync(string facilityId, CancellationToken ct = default) => ListAsync<FacilityReferral>(facilityId, "ref|", ct);

    /// <summary>Non-emergency facilities that are medically appropriate (and accessible if needed), not barred from referral, with an open vacancy on <paramref name="on"/>.</summary>
    public async Task<IReadOnlyList<(Facility Facility, Vacancy Vacancy)>> AvailableAsync(LocalDate on, bool needsAccessible, CancellationToken ct = default)
    {
        var matches = new List<(Facility, Vacancy)>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {FacilityRow}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            var facility = JsonSerializer.Deserialize<Facility>(row.GetString("Json"), Json)!;
            if (facility.Kind == FacilityKind.Emergency || !facility.MedicallyAppropriate || needsAccessible && !facility.Accessible)
            {
                continue;
            }
            if ((await ConditionsAsync(facility.FacilityId, ct)).Any(c => c.BlocksReferral(on)))
            {
                continue;
            }
            var vacancy = (await VacanciesAsync(facility.FacilityId, ct)).FirstOrDefault(v => v.OpenedOn <= on && (v.ClosedOn is null || v.ClosedOn > on));
            if (vacancy is not null)
            {
                matches.Add((facility, vacancy));
            }
        }
        return matches;
    }

    /// <summary>Days in emergency housing (§21-128(j)(8), (l)(iii)): start to end, or to <paramref name="asOf"/> while it lasts.</summary>
    public static int LengthOfStay(EmergencyPlacementRecord placement, LocalDate asOf) =>
        Period.Between(placement.StartedOn, placement.EndedOn ?? asOf, PeriodUnits.Days).Days;

    private static TableEntity Row<T>(string partition, string row, T value) => new(LedgerKeys.Checked(partition, "facility id"), row)
    {
        ["Json"] = JsonSerializer.Serialize(value, Json),
    };

    private async Task<IReadOnlyList<T>> ListAsync<T>(string facilityId, string prefix, CancellationToken ct)
    {
        var list = new List<T>();
        var high = prefix[..^1] + (char)(prefix[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {facilityId} and RowKey ge {prefix} and RowKey lt {high}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: ["Json"], cancellationToken: ct))
        {
            list.Add(JsonSerializer.Deserialize<T>(e.GetString("Json"), Json)!);
        }
        return list;
    }
}
