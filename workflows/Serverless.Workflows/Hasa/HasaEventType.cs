namespace Serverless.Workflows.Hasa;

/// <summary>The typed case events agency forms record (issue 6 item 3), plus the packet hand-over §21-128(c)(2)(a) needs.</summary>
public enum HasaEventType
{
    EligibilityDetermined,
    HousingPacketProvided,
    EmergencyPlacement,
    DocumentationCompleted,
    HousingApplicationCompleted,
    AssistanceDeclined,
    ClientDeclined,
    NonEmergencyHousingEligibility,
    NoOptionAvailable,
    OptionAvailable,
    ReferralMade,
    NonEmergencyOccupancy,
    ContactLost,
    CertifiedMailSent,
    ReturnReceipt,
    ContactMade,
    CommissionerCertification,
    Deceased,
    TerminationRequested,
    BenefitApproved,
    BenefitProvided,
    BenefitDenied,
    ApplicationWithdrawn,
}
