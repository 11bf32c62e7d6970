namespace Serverless.Workflows.Hasa;

/// <summary>What §21-128(c)(2)(c) says a referral must take into consideration.</summary>
public static class HasaNeed
{
    public const string Medical = "medical";
    public const string Educational = "educational";
    public const string Familial = "familial";
    public const string Social = "social";

    public static IReadOnlyList<string> All { get; } = [Medical, Educational, Familial, Social];
}
