using NodaTime;
using NodaTime.Text;

namespace Serverless.Workflows.Tests;

internal static class Dates
{
    public static LocalDate D(string iso) => LocalDatePattern.Iso.Parse(iso).GetValueOrThrow();

    public static Instant I(string isoWithOffset) => OffsetDateTimePattern.ExtendedIso.Parse(isoWithOffset).GetValueOrThrow().ToInstant();

    public static string S(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
