namespace Serverless.Workflows.Hasa;

/// <summary>How a case command ended, in terms a form understands: the HTTP layer maps each kind to a status code.</summary>
public enum OutcomeKind
{
    Ok,
    Created,
    Replayed,
    NotFound,
    Forbidden,
    Conflict,
}

public sealed record Outcome<T>(OutcomeKind Kind, T? Value = default, string? Reason = null, IdempotentAnswer? Replay = null)
{
    public static Outcome<T> NotFound() => new(OutcomeKind.NotFound);
    public static Outcome<T> Forbidden() => new(OutcomeKind.Forbidden);
    public static Outcome<T> Conflict(string reason) => new(OutcomeKind.Conflict, Reason: reason);
    public static Outcome<T> Replayed(IdempotentAnswer answer) => new(OutcomeKind.Replayed, Replay: answer);
}
