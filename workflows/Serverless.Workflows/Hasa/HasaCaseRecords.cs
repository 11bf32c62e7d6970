namespace Serverless.Workflows.Hasa;

/// <summary>
/// Everything recorded on one case (not the idempotency answers) as of the case row's <paramref name="ETag"/>.
/// The lists are shared by every reader of the cache, so nobody may change them.
/// </summary>
public sealed record HasaCaseRecords(
    string ETag,
    IReadOnlyList<HasaEvent> Events,
    IReadOnlyList<BenefitApplication> Applications,
    IReadOnlyList<HasaReceipt> Receipts,
    IReadOnlyList<ReferralRecord> Referrals,
    IReadOnlyList<EmergencyPlacementRecord> Placements,
    IReadOnlyList<NoticeRecord> Notices)
{
    /// <summary>The record rows these lists were read from (row key to JSON), so a write can derive the next copy.</summary>
    public IReadOnlyDictionary<string, string> Rows { get; init; } = new Dictionary<string, string>();
}
