namespace Serverless.Workflows.Hasa;

/// <summary>
/// The §21-128(b) benefits. Medicaid and food stamps have legally mandated time frames elsewhere (EXTERNAL), so the
/// 20-business-day default of §21-128(c)(3) does not apply to them. Required items are agency policy and can be
/// overridden per application.
/// </summary>
public static class HasaBenefitCatalog
{
    private static readonly Dictionary<string, (bool Mandated, string[] Items)> Benefits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["housing"] = (false, ["identity", "income", "medical-documentation"]),
        ["medicaid"] = (true, ["identity", "income", "residence"]),
        ["home-care"] = (false, ["identity", "medical-documentation"]),
        ["personal-care"] = (false, ["identity", "medical-documentation"]),
        ["homemaker"] = (false, ["identity"]),
        ["food-stamps"] = (true, ["identity", "income", "residence"]),
        ["transportation-nutrition-allowance"] = (false, ["identity", "income"]),
        ["housing-subsidy"] = (false, ["identity", "income", "lease"]),
        ["financial-benefits"] = (false, ["identity", "income", "residence"]),
        ["intensive-case-management"] = (false, ["identity"]),
    };

    public static IReadOnlyCollection<string> Names => Benefits.Keys;

    public static bool IsKnown(string benefit) => Benefits.ContainsKey(benefit);

    public static bool HasLegallyMandatedTimeFrame(string benefit) => Benefits[benefit].Mandated;

    public static IReadOnlyList<string> RequiredItems(string benefit) => Benefits[benefit].Items;
}
