using System.Globalization;
using System.Text.RegularExpressions;

namespace MockAccounts.Core.Generation;

/// <summary>An offset from the reference time, written <c>-3y</c>, <c>+7d</c>, <c>0s</c>.</summary>
public sealed partial record RelativeTime(long Amount, char Unit)
{
    /// <summary>Reads an offset such as <c>-3y</c> or <c>+7d</c> (units s, m, h, d, w, y).</summary>
    /// <param name="text">The text of a <c>date</c> hint bound.</param>
    /// <param name="time">The offset, or null when the text is not one.</param>
    public static bool TryParse(string text, out RelativeTime? time)
    {
        var match = Syntax().Match(text);
        time = match.Success
            ? new RelativeTime(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value[0])
            : null;
        return time is not null;
    }

    /// <summary>The moment this offset names, counted from <paramref name="reference"/>.</summary>
    /// <param name="reference">The generation reference time.</param>
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
