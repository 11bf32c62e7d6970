namespace Serverless.Workflows.Ledger;

/// <summary>Where a deadline row lives: its program and office partition and its id.</summary>
public sealed record DeadlineKey(string Program, string Office, string DeadlineId);
