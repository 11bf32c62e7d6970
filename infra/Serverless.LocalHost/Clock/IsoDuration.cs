using System.Xml;

namespace Serverless.LocalHost.Clock;

/// <summary>Parses ISO-8601 durations such as <c>P90D</c>, <c>PT36H</c> or <c>P1DT2H30M</c>.</summary>
public static class IsoDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text) || !text.TrimStart('-').StartsWith('P'))
        {
            return false;
        }
        try
        {
            // XmlConvert implements xs:duration, the ISO-8601 profile without weeks; years and months count as 365 and 30 days.
            duration = XmlConvert.ToTimeSpan(text.Trim());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
