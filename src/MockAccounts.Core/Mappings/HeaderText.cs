namespace MockAccounts.Core.Mappings;

/// <summary>What an HTTP response header may hold, as Kestrel sends it: a token for a name; visible ASCII, space and tab for a value.</summary>
public static class HeaderText
{
    private const string TokenSymbols = "!#$%&'*+-.^_`|~";

    /// <summary>Null when <paramref name="value"/> can be sent as a header value; else what is wrong with it.</summary>
    /// <param name="value">The value.</param>
    public static string? Problem(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '\r' or '\n')
            {
                return $"a line break at character {i + 1}";
            }

            if (c is '\t' or ' ')
            {
                continue;
            }

            if (c < 0x20 || c == 0x7F)
            {
                return $"control character U+{(int)c:X4} at character {i + 1}";
            }

            if (c > 0x7E)
            {
                return $"non-ASCII character U+{(int)c:X4} at character {i + 1}";
            }
        }

        return null;
    }

    /// <summary>Null when <paramref name="name"/> can be a header name; else what is wrong with it.</summary>
    /// <param name="name">The name.</param>
    public static string? NameProblem(string name)
    {
        if (name.Length == 0)
        {
            return "an empty name";
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c) && !TokenSymbols.Contains(c, StringComparison.Ordinal))
            {
                return $"character U+{(int)c:X4} at character {i + 1} (a name is letters, digits and {TokenSymbols})";
            }
        }

        return null;
    }
}
