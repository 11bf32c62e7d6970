using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.LocalHost.Tests.Support;

/// <summary>One deadline as the HASA API shows it (GET /api/hasa/cases/{id}, with its history, or GET /api/deadlines, without).</summary>
internal sealed record HasaDeadline(
    string DeadlineId, string CaseId, string Rule, string Citation, string Due, string Target, string UntolledDue, string Status,
    string Explanation, string AnchorEvent, string? MissedAt, string? CloseReason, IReadOnlyList<HasaDeadline.Change>? History)
{
    /// <summary>One entry of the row's history: when (recorded time), what kind, by whom.</summary>
    public sealed record Change(string At, string Kind, string By, string Reason);

    public static HasaDeadline From(JsonNode node) => node.Deserialize<HasaDeadline>(JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException("not a deadline: " + node.ToJsonString());
}
