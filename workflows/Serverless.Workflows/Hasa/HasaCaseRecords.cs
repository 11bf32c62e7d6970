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
    IReadOnlyList<NoticeRecord> Notices);
