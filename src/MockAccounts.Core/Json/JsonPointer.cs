namespace MockAccounts.Core.Json;

/// <summary>RFC 6901 JSON pointers, as used for locations in errors and in hints.</summary>
public static class JsonPointer
{
    /// <summary>The pointer to a property of the value at <paramref name="pointer"/>, escaping <c>~</c> and <c>/</c>.</summary>
    /// <param name="pointer">The parent's pointer.</param>
    /// <param name="segment">The property name, unescaped.</param>
    public static string Append(string pointer, string segment) =>
        pointer + "/" + segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>The pointer to an item of the array at <paramref name="pointer"/>.</summary>
    /// <param name="pointer">The array's pointer.</param>
    /// <param name="index">The 0-based item index.</param>
    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The pointer's segments, unescaped; the root pointer (empty) has none.</summary>
    /// <param name="pointer">A JSON pointer such as <c>/user/name</c>.</param>
    public static IReadOnlyList<string> Split(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw new FormatException($"'{pointer}' is not a JSON pointer (it must be empty or start with '/').");
        }

        return pointer[1..].Split('/')
            .Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .ToArray();
    }

    /// <summary>The pointer of the parent and the last segment (unescaped), e.g. to set one property.</summary>
    /// <param name="pointer">A non-root JSON pointer.</param>
    public static (string Parent, string Last) SplitLast(string pointer)
    {
        var cut = pointer.LastIndexOf('/');
        var last = pointer[(cut + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        return (pointer[..cut], last);
    }

    /// <summary>Whether <paramref name="pointer"/> is a JSON pointer: empty, or starting with <c>/</c>.</summary>
    /// <param name="pointer">The text to check.</param>
    public static bool IsValid(string pointer) => pointer.Length == 0 || pointer[0] == '/';
}
