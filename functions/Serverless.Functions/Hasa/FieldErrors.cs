using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace Serverless.Functions.Hasa;

/// <summary>Collects every field error of a form before answering, so one 400 lists them all.</summary>
public sealed partial class FieldErrors
{
    private static readonly LocalDate Earliest = new(1990, 1, 1);

    public Dictionary<string, List<string>> All { get; } = [];

    public bool Any => All.Count > 0;

    public void Add(string field, string message)
    {
        if (!All.TryGetValue(field, out var list))
        {
            All[field] = list = [];
        }
        list.Add(message);
    }

    public string? Id(JsonNode? body, string field, bool required = true)
    {
        var value = Text(body, field, required);
        if (value is not null && !IdPattern().IsMatch(value))
        {
            Add(field, "must be 1-64 letters, digits or hyphens");
            return null;
        }
        return value;
    }

    public string? Text(JsonNode? body, string field, bool required = true)
    {
        var node = body?[field];
        if (node is null)
        {
            if (required)
            {
                Add(field, "is required");
            }
            return null;
        }
        if (node.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(node.GetValue<string>()))
        {
            Add(field, "must be a non-empty string");
            return null;
        }
        var text = node.GetValue<string>().Trim();
        if (text.Length > 200 || text.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c)))
        {
            Add(field, "must be at most 200 characters without / \\ # ? | or control characters");
            return null;
        }
        return text;
    }

    public string? OneOf(JsonNode? body, string field, IEnumerable<string> allowed, bool required = true)
    {
        var value = Text(body, field, required);
        var options = allowed.ToList();
        if (value is not null && !options.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            Add(field, "must be one of " + string.Join(", ", options));
            return null;
        }
        return value is null ? null : options.First(o => string.Equals(o, value, StringComparison.OrdinalIgnoreCase));
    }

    public bool? Bool(JsonNode? body, string field)
    {
        var node = body?[field];
        if (node is null || node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            Add(field, node is null ? "is required" : "must be true or false");
            return null;
        }
        return node.GetValue<bool>();
    }

    /// <summary>A legal day (yyyy-MM-dd) no later than <paramref name="today"/>: events dated in the future are refused.</summary>
    public LocalDate? Date(JsonNode? body, string field, LocalDate? today, bool required = true, bool legalDay = true)
    {
        var text = Text(body, field, required);
        if (text is null)
        {
            return null;
        }
        var parsed = LocalDatePattern.Iso.Parse(text);
        if (!parsed.Success || !DatePattern().IsMatch(text))
        {
            Add(field, "must be a date yyyy-MM-dd");
            return null;
        }
        if (legalDay && parsed.Value < Earliest)
        {
            Add(field, "must not be before 1990-01-01 (the statutory calendars start there)");
            return null;
        }
        if (today is { } t && parsed.Value > t)
        {
            Add(field, $"must not be after today ({t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})");
            return null;
        }
        return parsed.Value;
    }

    public List<string>? Strings(JsonNode? body, string field, bool required, IReadOnlyCollection<string>? allowed = null)
    {
        var node = body?[field];
        if (node is null)
        {
            if (required)
            {
                Add(field, "is required");
            }
            return null;
        }
        if (node is not JsonArray array || array.Any(i => i is null || i.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(i.GetValue<string>())))
        {
            Add(field, "must be an array of non-empty strings");
            return null;
        }
        var values = array.Select(i => i!.GetValue<string>().Trim().ToLowerInvariant()).Distinct().ToList();
        var unknown = allowed is null ? [] : values.Where(v => !allowed.Contains(v, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            Add(field, $"unknown value(s) {string.Join(", ", unknown)}; allowed: {string.Join(", ", allowed!)}");
            return null;
        }
        return values;
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();
}
