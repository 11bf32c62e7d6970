using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Serverless.Workflows.Calendars;
using Serverless.Workflows.Clocks;
using Serverless.Workflows.Ledger;

namespace Serverless.Cli.Commands;

/// <summary><c>serverless deadline explain</c>: when a statutory clock is due for given events, and why.</summary>
internal static class DeadlineCommand
{
    public static Command Create()
    {
        var command = new Command("deadline", "Statutory deadlines computed from rules.json");
        command.Subcommands.Add(Explain());
        return command;
    }

    private static Command Explain()
    {
        var rule = new Option<string>("--rule") { Description = "Rule id from rules.json, e.g. hasa.first-referral" };
        var events = new Option<string[]>("--event") { Description = "Name=ISO-8601 time of a trigger event; repeat for several" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("explain", "Due date, staff target, warning and the explanation for a rule and its events");
        command.Options.Add(rule);
        command.Options.Add(events);
        command.Options.Add(json);
        command.SetAction(parse => CliRun.Guarded(parse, output =>
        {
            var book = RuleBook.Embedded;
            var clock = book.Get(CliInput.Required(parse.GetValue(rule), "--rule"));
            var given = (parse.GetValue(events) ?? []).Select(CliInput.Event).ToList();
            var expected = clock.Triggers.Select(t => t.Event).ToHashSet(StringComparer.Ordinal);
            if (given.FirstOrDefault(e => !expected.Contains(e.Name)) is { Name: not null } stray)
            {
                throw new CliInputException($"event '{stray.Name}' is not a trigger of {clock.Id} (expects {string.Join(", ", expected)})");
            }
            var duplicate = given.GroupBy(e => e.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new CliInputException($"event '{duplicate.Key}' is given more than once");
            }
            var computed = new DeadlineCalculator(CalendarCatalog.Default)
                .Compute(clock, given.ToDictionary(e => e.Name, e => e.At));
            var record = DeadlineRecord.From(computed, book.Version, "explain", SystemClock.Instance.GetCurrentInstant(), "cli");
            var sentence = DeadlineExplainer.Sentence(record);

            if (parse.GetValue(json))
            {
                var result = new JsonObject
                {
                    ["rule"] = clock.Id,
                    ["citation"] = clock.Citation,
                    ["due"] = CliInput.Format(record.LegalDueDate),
                    ["dueAt"] = record.LegalDueAt.ToString(),
                    ["target"] = CliInput.Format(record.TargetDate),
                    ["warning"] = record.WarningAt?.ToString(),
                    ["explanation"] = sentence,
                    ["record"] = JsonNode.Parse(DeadlineExplainer.Json(record with { CreatedAt = default }, indented: false)),
                };
                output.WriteLine(result.ToJsonString(LedgerJson.Indented));
            }
            else
            {
                output.WriteLine($"rule     {clock.Id}  {clock.Citation}");
                output.WriteLine($"due      {NewYorkTime.InZone(record.LegalDueAt):uuuu-MM-dd HH:mm:ss x} ({record.LegalDueDate.DayOfWeek})");
                output.WriteLine($"target   {CliInput.Format(record.TargetDate)} ({record.TargetDate.DayOfWeek})");
                output.WriteLine($"warning  {(record.WarningAt is { } w ? NewYorkTime.InZone(w).ToString("uuuu-MM-dd HH:mm:ss x", null) : "none")}");
                output.WriteLine($"why      {sentence}");
                output.WriteLine($"law      \"{clock.Excerpt}\"");
            }
            return 0;
        }));
        return command;
    }
}
