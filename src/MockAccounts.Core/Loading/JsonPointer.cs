namespace MockAccounts.Core.Loading;

/// <summary>RFC 6901 JSON pointers, as used for locations in errors and in hints.</summary>
public static class JsonPointer
{
    public static string Append(string pointer, string segment) =>
        pointer + "/" + segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

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

    public static (string Parent, string Last) SplitLast(string pointer)
    {
        var cut = pointer.LastIndexOf('/');
        var last = pointer[(cut + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        return (pointer[..cut], last);
    }

    public static bool IsValid(string pointer) => pointer.Length == 0 || pointer[0] == '/';
}
