using NodaTime;

namespace Serverless.Workflows.Hasa;

/// <summary>A referral to a non-emergency housing option, with the needs the worker recorded as considered.</summary>
public sealed record HasaReferral(int Number, LocalDate MadeOn, string OptionId, IReadOnlyList<string> NeedsConsidered, long Sequence);

/// <summary>A stretch during which staff found no medically appropriate option available; open while <see cref="To"/> is null.</summary>
public sealed record NoOptionPeriod(LocalDate From, LocalDate? To, string? Reason);
