using System.Globalization;
using System.Text.RegularExpressions;

namespace MockAccounts.Core.Generation;

/// <summary>An offset from the reference time, written <c>-3y</c>, <c>+7d</c>, <c>0s</c>.</summary>
public sealed partial record RelativeTime(long Amount, char Unit)
{
    public static bool TryParse(string text, out RelativeTime? time)
    {
        var match = Syntax().Match(text);
        time = match.Success
            ? new RelativeTime(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value[0])
            : null;
        return time is not null;
    }

    public DateTimeOffset From(DateTimeOffset reference) => Unit switch
    {
        's' => reference.AddSeconds(Amount),
        'm' => reference.AddMinutes(Amount),
        'h' => reference.AddHours(Amount),
        'd' => reference.AddDays(Amount),
        'w' => reference.AddDays(Amount * 7),
        _ => reference.AddYears((int)Amount),
    };

    [GeneratedRegex(@"^([+-]?\d{1,6})([smhdwy])$")]
    private static partial Regex Syntax();
}
