using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;
using NodaTime.Text;

namespace Serverless.Workflows.Clocks;

/// <summary>
/// The statutory clocks, loaded from the embedded rules.json and validated against rules.schema.json at load.
/// A bad file throws <see cref="RuleBookException"/> naming the entry and field, so start-up stops.
/// </summary>
public sealed class RuleBook
{
    private const string RulesResource = "Serverless.Workflows.Clocks.rules.json";
    private const string SchemaResource = "Serverless.Workflows.Clocks.rules.schema.json";

    private static readonly Lazy<RuleBook> EmbeddedBook = new(() => Load(ReadResource(RulesResource)));

    private readonly Dictionary<string, ClockRule> _byId;

    private RuleBook(string version, IReadOnlyList<ClockRule> rules)
    {
        Version = version;
        Rules = rules;
        _byId = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    public static RuleBook Embedded => EmbeddedBook.Value;

    public string Version { get; }

    public IReadOnlyList<ClockRule> Rules { get; }

    public ClockRule Get(string id) => _byId.TryGetValue(id, out var rule) ? rule : throw new UnknownRuleException(id);

    public bool TryGet(string id, out ClockRule? rule) => _byId.TryGetValue(id, out rule);

    public static RuleBook Load(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new RuleBookException(null, "(json)", e.Message);
        }
        var errors = Schema.Value.Validate(json);
        if (errors.Count > 0)
        {
            var first = errors.SelectMany(Leaves).OrderBy(e => e.Path, StringComparer.Ordinal).First();
            throw Describe(first, root);
        }
        var rules = root!["rules"]!.AsArray().Select(n => ToRule(n!.AsObject())).ToList();
        var duplicate = rules.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new RuleBookException(duplicate.Key, "id", "appears more than once");
        }
        return new RuleBook(root["version"]!.GetValue<string>(), rules);
    }

    private static ClockRule ToRule(JsonObject o)
    {
        var id = o["id"]!.GetValue<string>();
        string Text(string field) => o[field]!.GetValue<string>();
        var unit = Enum.Parse<ClockUnit>(Text("unit"));
        var calendar = o["calendar"]?.GetValue<string>();
        if (unit == ClockUnit.BusinessDays && calendar is null)
        {
            throw new RuleBookException(id, "calendar", "BusinessDays needs a calendar");
        }
        if (unit != ClockUnit.BusinessDays && calendar is not null)
        {
            throw new RuleBookException(id, "calendar", $"only BusinessDays count on a calendar; {unit} must have null");
        }
        var monthEnd = o["monthEnd"]?.GetValue<bool>() ?? false;
        if (monthEnd && unit != ClockUnit.Months)
        {
            throw new RuleBookException(id, "monthEnd", "only Months clocks can end at the end of the month");
        }
        var triggers = o["triggers"]!.AsArray()
            .Select(t => new TriggerSpec(t!["event"]!.GetValue<string>(), t["plusCalendarDays"]?.GetValue<int>() ?? 0))
            .ToList();
        var combine = ClockText.ParseCombination(Text("combine"))!.Value;
        if ((combine == TriggerCombination.Single) != (triggers.Count == 1))
        {
            throw new RuleBookException(id, "combine", "'single' needs exactly one trigger; several triggers need earliest, latest or first-available");
        }
        var from = LocalDatePattern.Iso.Parse(Text("effectiveFrom"));
        if (!from.Success)
        {
            throw new RuleBookException(id, "effectiveFrom", from.Exception.Message);
        }
        NodaTime.LocalDate? to = null;
        if (o["effectiveTo"] is JsonValue toValue)
        {
            var parsed = LocalDatePattern.Iso.Parse(toValue.GetValue<string>());
            if (!parsed.Success || parsed.Value < from.Value)
            {
                throw new RuleBookException(id, "effectiveTo", "not a date on or after effectiveFrom");
            }
            to = parsed.Value;
        }
        return new ClockRule
        {
            Id = id,
            Program = Text("program"),
            Title = Text("title"),
            Citation = Text("citation"),
            CatalogRef = o["catalogRef"]?.GetValue<string>(),
            Excerpt = Text("excerpt"),
            Source = Text("source"),
            Kind = Text("kind") == "not-before" ? DeadlineKind.NotBefore : DeadlineKind.Due,
            Triggers = triggers,
            Combine = combine,
            Unit = unit,
            Amount = o["amount"]!.GetValue<int>(),
            MonthEnd = monthEnd,
            Calendar = calendar,
            Roll = ClockText.ParseRoll(Text("roll"))!.Value,
            WarningFraction = o["warningFraction"]?.GetValue<double>(),
            EffectiveFrom = from.Value,
            EffectiveTo = to,
            Policy = o["policy"]?.AsArray().Select(p => p!.GetValue<string>()).ToList() ?? [],
            Tolling = o["tolling"]?.AsArray()
                .Select(t => new TollingReason(t!["code"]!.GetValue<string>(), t["legalBasis"]!.GetValue<string>()))
                .ToList() ?? [],
        };
    }

    private static RuleBookException Describe(ValidationError error, JsonNode? root)
    {
        // NJsonSchema paths look like "#/rules[3].triggers[0].event"
        var path = error.Path ?? "#";
        string? ruleId = null;
        var field = path.TrimStart('#', '/');
        var match = System.Text.RegularExpressions.Regex.Match(path, @"^#/rules\[(\d+)\]\.?(.*)$");
        if (match.Success)
        {
            var index = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            ruleId = (root?["rules"]?[index]?["id"] as JsonValue)?.TryGetValue<string>(out var id) == true
                ? id
                : $"rules[{index}]";
            field = match.Groups[2].Value;
        }
        if (error.Kind == ValidationErrorKind.PropertyRequired || error.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed)
        {
            field = string.IsNullOrEmpty(field) || field.EndsWith(error.Property ?? "", StringComparison.Ordinal)
                ? field
                : $"{field}.{error.Property}";
            if (string.IsNullOrEmpty(field))
            {
                field = error.Property ?? "";
            }
        }
        return new RuleBookException(ruleId, field, error.Kind.ToString());
    }

    /// <summary>The innermost errors: "rules[2] is not valid" says less than "rules[2].amount is not an integer".</summary>
    private static IEnumerable<ValidationError> Leaves(ValidationError error) =>
        error is ChildSchemaValidationError child && child.Errors.Count > 0
            ? child.Errors.Values.SelectMany(e => e).SelectMany(Leaves)
            : [error];

    private static readonly Lazy<JsonSchema> Schema =
        new(() => JsonSchema.FromJsonAsync(ReadResource(SchemaResource)).GetAwaiter().GetResult());

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
