namespace Serverless.Cli.Benchmarks.Hasa;

/// <summary>What happens to a benchmark case: chosen by its index, so every run (and every check) is the same.</summary>
internal enum HasaBenchKind
{
    /// <summary>Emergency placement on day 0 and nothing else.</summary>
    PlacementOnly,

    /// <summary>Placement on day 0, a referral on <see cref="HasaBenchCase.LaterEventDay"/>.</summary>
    Referred,

    /// <summary>Placement on day 0, non-emergency occupancy on <see cref="HasaBenchCase.LaterEventDay"/>.</summary>
    Occupied,
}

/// <summary>One benchmark case: id, office, kind and the dates of its events.</summary>
internal sealed record HasaBenchCase(int Index, string CaseId, string Office, HasaBenchKind Kind, DateOnly Start)
{
    public const int LaterEventDay = 30;

    public static readonly string[] Offices = ["Manhattan", "Brooklyn", "Bronx"];

    public DateOnly PlacementOn => Start;

    public DateOnly LaterEventOn => Start.AddDays(LaterEventDay);

    public static HasaBenchCase For(int index, DateOnly start) => new(
        index,
        $"BH-{index:D6}",
        Offices[index / 3 % Offices.Length],
        (HasaBenchKind)(index % 3),
        start);
}
