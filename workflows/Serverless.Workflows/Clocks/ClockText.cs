namespace Serverless.Workflows.Clocks;

/// <summary>The spellings rules.json, the ledger and the CLI use for the clock enums.</summary>
public static class ClockText
{
    public static string Of(RollPolicy roll) => roll switch
    {
        RollPolicy.Forward => "forward",
        RollPolicy.TargetBackward => "target-backward",
        _ => "none",
    };

    public static RollPolicy? ParseRoll(string? text) => text switch
    {
        "none" => RollPolicy.None,
        "forward" => RollPolicy.Forward,
        "target-backward" => RollPolicy.TargetBackward,
        _ => null,
    };

    public static string Of(TriggerCombination combine) => combine switch
    {
        TriggerCombination.Earliest => "earliest",
        TriggerCombination.Latest => "latest",
        TriggerCombination.FirstAvailable => "first-available",
        _ => "single",
    };

    public static TriggerCombination? ParseCombination(string? text) => text switch
    {
        "single" => TriggerCombination.Single,
        "earliest" => TriggerCombination.Earliest,
        "latest" => TriggerCombination.Latest,
        "first-available" => TriggerCombination.FirstAvailable,
        _ => null,
    };

    public static string Of(DeadlineKind kind) => kind == DeadlineKind.NotBefore ? "not-before" : "due";

    public static string Describe(ClockUnit unit, int amount, string? calendar) => unit switch
    {
        ClockUnit.Hours => $"{amount} hour{(amount == 1 ? "" : "s")} (elapsed)",
        ClockUnit.CalendarDays => $"{amount} calendar day{(amount == 1 ? "" : "s")}",
        ClockUnit.BusinessDays => $"{amount} business day{(amount == 1 ? "" : "s")} on {calendar}",
        _ => $"{amount} month{(amount == 1 ? "" : "s")}",
    };
}
