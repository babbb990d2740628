using System.Globalization;

namespace MockAccounts.Core;

/// <summary>
/// "Did you mean …?": the known name a mistyped one is a slip of (a letter missing, extra or wrong, two
/// neighbours swapped, another case), so an error about an unknown scenario, vendor, variant, option or
/// setting can offer the right one. A name unlike every known one gets no suggestion.
/// </summary>
/// <remarks>
/// Our own few lines rather than a string-distance package: the names are a dozen short words on an error
/// path, and the distance counts a swap of two neighbours as one slip ("qouta"), which plain Levenshtein
/// (what such packages offer) counts as two, missing the suggestion for short names.
/// </remarks>
public static class ClosestName
{
    /// <summary>The known name closest to <paramref name="typed"/>, or null when none is close enough to be a slip of it.</summary>
    /// <param name="typed">What the user wrote.</param>
    /// <param name="known">The names that exist; on a tie, the first wins.</param>
    /// <returns>
    /// A name at most a third of the longer name's length in slips away (at least one slip), case ignored;
    /// <paramref name="typed"/> itself is never suggested.
    /// </returns>
    public static string? Find(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in known)
        {
            if (string.Equals(name, typed, StringComparison.Ordinal))
            {
                continue;
            }

            var allowed = Math.Max(1, Math.Max(name.Length, typed.Length) / 3);
            // The distance is at least the difference in length: a long input never costs a full comparison.
            if (Math.Abs(name.Length - typed.Length) > allowed)
            {
                continue;
            }

            var distance = Distance(typed, name);
            if (distance <= allowed && distance < bestDistance)
            {
                (best, bestDistance) = (name, distance);
            }
        }

        return best;
    }

    /// <summary>
    /// <c>" Did you mean 'name'?"</c> to append to a message about <paramref name="typed"/>, or an empty string
    /// when no known name is close (see <see cref="Find"/>).
    /// </summary>
    /// <param name="typed">What the user wrote.</param>
    /// <param name="known">The names that exist.</param>
    public static string DidYouMean(string typed, IEnumerable<string> known) =>
        Find(typed, known) is { } closest ? string.Create(CultureInfo.InvariantCulture, $" Did you mean '{closest}'?") : "";

    /// <summary>
    /// The fewest slips (insert, delete, replace, swap two neighbours) turning <paramref name="a"/> into
    /// <paramref name="b"/>, case ignored: the optimal string alignment distance.
    /// </summary>
    internal static int Distance(string a, string b)
    {
        // Three rows of the classic table: the one before the previous is where a swap looks back to.
        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = Same(a[i - 1], b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2]) && Same(a[i - 2], b[j - 1]))
                {
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }
            }

            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }

        return previous[b.Length];
    }

    private static bool Same(char x, char y) => char.ToUpperInvariant(x) == char.ToUpperInvariant(y);
}
