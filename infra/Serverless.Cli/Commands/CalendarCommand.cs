using System.CommandLine;
using System.Text.Json;
using NodaTime;
using Serverless.Workflows.Calendars;
using Serverless.Workflows.Clocks;
using Serverless.Workflows.Ledger;

namespace Serverless.Cli.Commands;

/// <summary><c>serverless calendar holidays|add</c>: the NY calendars and clock arithmetic on them.</summary>
internal static class CalendarCommand
{
    public static Command Create()
    {
        var command = new Command("calendar", "The ny-statutory and nyc-agency calendars: holidays and date arithmetic");
        command.Subcommands.Add(Holidays());
        command.Subcommands.Add(Add());
        return command;
    }

    private static Option<string> CalendarOption() => new("--calendar") { Description = $"Calendar id: {string.Join(" or ", CalendarIds.All)}" };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print JSON" };

    private static Command Holidays()
    {
        var calendar = CalendarOption();
        var year = new Option<string>("--year") { Description = "Year (1990-2100)" };
        var json = JsonOption();
        var command = new Command("holidays", "The days of a year on which the calendar is closed (weekends aside)");
        command.Options.Add(calendar);
        command.Options.Add(year);
        command.Options.Add(json);
        command.SetAction(parse => CliRun.Guarded(parse, output =>
        {
            var id = CliInput.Required(parse.GetValue(calendar), "--calendar");
            var yearText = CliInput.Required(parse.GetValue(year), "--year");
            var number = CliInput.NonNegative(yearText, "--year");
            if (number < CalendarRange.FirstYear || number > CalendarRange.LastYear)
            {
                throw new CliInputException($"--year {number} is outside {CalendarRange.FirstYear}-{CalendarRange.LastYear}");
            }
            var holidays = CalendarCatalog.Default.Get(id).HolidaysIn(number);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(
                    holidays.Select(h => new { date = CliInput.Format(h.Date), name = h.Name }), LedgerJson.Indented));
            }
            else
            {
                foreach (var h in holidays)
                {
                    output.WriteLine($"{CliInput.Format(h.Date)}  {h.Date.DayOfWeek,-9}  {h.Name}");
                }
            }
            return 0;
        }));
        return command;
    }

    private static Command Add()
    {
        var calendar = CalendarOption();
        var start = new Option<string>("--start") { Description = "Start day (yyyy-MM-dd); it is not counted (GCL §20)" };
        var business = new Option<string>("--business-days") { Description = "Count N open days of the calendar" };
        var days = new Option<string>("--calendar-days") { Description = "Count N calendar days" };
        var months = new Option<string>("--months") { Description = "Count N months (end-of-month clamp)" };
        var roll = new Option<string>("--roll") { Description = "none | forward (GCL §25-a on ny-statutory) | target-backward (target on nyc-agency)" };
        var json = JsonOption();
        var command = new Command("add", "When is N days/business days/months after a day due");
        foreach (var option in new Option[] { calendar, start, business, days, months, roll, json })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => CliRun.Guarded(parse, output =>
        {
            var id = CliInput.Required(parse.GetValue(calendar), "--calendar");
            var catalog = CalendarCatalog.Default;
            var counting = catalog.Get(id);
            var from = CliInput.Date(parse.GetValue(start), "--start");
            var given = new[] { ("--business-days", parse.GetValue(business)), ("--calendar-days", parse.GetValue(days)), ("--months", parse.GetValue(months)) }
                .Where(g => g.Item2 is not null).ToList();
            if (given.Count != 1)
            {
                throw new CliInputException("give exactly one of --business-days, --calendar-days, --months");
            }
            var (unitOption, amountText) = given[0];
            var amount = CliInput.NonNegative(amountText, unitOption);
            var policy = parse.GetValue(roll) is { } rollText
                ? ClockText.ParseRoll(rollText) ?? throw new CliInputException($"--roll '{rollText}' is not none, forward or target-backward")
                : RollPolicy.None;
            var versions = new SortedDictionary<string, string> { [counting.Id] = counting.Version };

            var counted = unitOption switch
            {
                "--business-days" => ClockArithmetic.AddBusinessDays(from, amount, counting),
                "--calendar-days" => ClockArithmetic.AddCalendarDays(from, amount),
                _ => ClockArithmetic.AddMonths(from, amount),
            };
            var due = counted;
            LocalDate? target = null;
            if (policy == RollPolicy.Forward)
            {
                var statutory = catalog.Get(CalendarIds.NyStatutory);
                versions[statutory.Id] = statutory.Version;
                due = ClockArithmetic.RollForward(counted, statutory);
            }
            else if (policy == RollPolicy.TargetBackward)
            {
                var agency = catalog.Get(CalendarIds.NycAgency);
                versions[agency.Id] = agency.Version;
                target = ClockArithmetic.TargetBackward(counted, agency);
            }

            if (parse.GetValue(json))
            {
                var result = new Dictionary<string, object?>
                {
                    ["due"] = CliInput.Format(due),
                    ["dueAt"] = NewYorkTime.EndOfDay(due).ToString(),
                    ["counted"] = CliInput.Format(counted),
                    ["start"] = CliInput.Format(from),
                    ["unit"] = unitOption.TrimStart('-'),
                    ["amount"] = amount,
                    ["calendar"] = counting.Id,
                    ["roll"] = ClockText.Of(policy),
                    ["calendarVersions"] = versions,
                };
                if (target is { } t)
                {
                    result["target"] = CliInput.Format(t);
                }
                output.WriteLine(JsonSerializer.Serialize(result, LedgerJson.Indented));
            }
            else
            {
                output.WriteLine($"due     {CliInput.Format(due)} ({due.DayOfWeek}), end of day New York");
                if (due != counted)
                {
                    output.WriteLine($"        counted to {CliInput.Format(counted)}, {counting.ClosedReason(counted) ?? catalog.Get(CalendarIds.NyStatutory).ClosedReason(counted)}; GCL §25-a moves it to the next ny-statutory business day");
                }
                if (target is { } t)
                {
                    output.WriteLine($"target  {CliInput.Format(t)} ({t.DayOfWeek}), last nyc-agency open day on or before the due");
                }
            }
            return 0;
        }));
        return command;
    }
}
