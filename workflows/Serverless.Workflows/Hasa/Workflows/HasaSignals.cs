namespace Serverless.Workflows.Hasa.Workflows;

/// <summary>The external event the forms raise on a case's workflows after recording something in its log.</summary>
public static class HasaSignals
{
    public const string CaseChanged = "CaseChanged";
}

/// <summary>The payload of <see cref="HasaSignals.CaseChanged"/>: which log entry, never what it says.</summary>
public sealed record CaseChangedSignal(string CaseId, long Sequence);
