using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Serverless.Workflows.Clocks;

namespace Serverless.Cli.Commands;

/// <summary>Parsing of the clock commands' text input, failing with one clear line (a <see cref="CliInputException"/>).</summary>
internal static class CliInput
{
    public static string Required(string? value, string option) =>
        string.IsNullOrWhiteSpace(value) ? throw new CliInputException($"missing {option}") : value;

    public static LocalDate Date(string? text, string option)
    {
        var result = LocalDatePattern.Iso.Parse(Required(text, option));
        return result.Success ? result.Value : throw new CliInputException($"{option} '{text}' is not a date (yyyy-MM-dd)");
    }

    public static int NonNegative(string? text, string option)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new CliInputException($"{option} '{text}' is not a whole number");
        }
        return value < 0 ? throw new CliInputException($"{option} must not be negative (got {value})") : value;
    }

    /// <summary>
    /// An event time: ISO-8601 with an offset or Z, a local date-time read in New York, or a date (start of that
    /// New York day). A local time that does not exist or occurs twice on a DST change is refused.
    /// </summary>
    public static (string Name, Instant At) Event(string text)
    {
        var split = text.IndexOf('=');
        if (split <= 0 || split == text.Length - 1)
        {
            throw new CliInputException($"--event '{text}' must look like Name=2026-02-05T09:00:00-05:00");
        }
        var (name, value) = (text[..split].Trim(), text[(split + 1)..].Trim());
        foreach (var pattern in OffsetPatterns)
        {
            var offset = pattern.Parse(value);
            if (offset.Success)
            {
                return (name, offset.Value.ToInstant());
            }
        }
        var local = LocalPatterns.Select(p => p.Parse(value)).FirstOrDefault(r => r.Success);
        if (local is not null)
        {
            var mapping = NewYorkTime.Zone.MapLocal(local.Value);
            return mapping.Count == 1
                ? (name, mapping.Single().ToInstant())
                : throw new CliInputException($"--event {name}: {value} {(mapping.Count == 0 ? "does not exist" : "happens twice")} in New York (DST change); give an offset");
        }
        var date = LocalDatePattern.Iso.Parse(value);
        if (date.Success)
        {
            return (name, NewYorkTime.StartOfDay(date.Value));
        }
        throw new CliInputException($"--event {name}: '{value}' is not an ISO-8601 date or date-time");
    }

    private static readonly OffsetDateTimePattern[] OffsetPatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private static readonly LocalDateTimePattern[] LocalPatterns =
    [
        LocalDateTimePattern.ExtendedIso,
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
    ];

    public static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);
}

internal sealed class CliInputException(string message) : Exception(message);
