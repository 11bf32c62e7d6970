namespace Serverless.Workflows.Hasa;

/// <summary>The rules.json ids HASA runs on; the clocks themselves live only in rules.json.</summary>
public static class HasaRuleIds
{
    public const string HousingPacket = "hasa.housing-packet";
    public const string ApplicationAssistance = "hasa.application-assistance";
    public const string FirstReferral = "hasa.first-referral";
    public const string RepeatReferral = "hasa.repeat-referral";
    public const string BenefitProvision = "hasa.benefit-provision";
    public const string LocateSearchMinimum = "hasa.locate-search-minimum";
    public const string LocateContactWindow = "hasa.locate-contact-window";
    public const string NoOptionAvailable = "no-option-available";
}
