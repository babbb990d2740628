namespace MockAccounts.Core.Runtime;

/// <summary>
/// A client's own text quoted back in an error: cut to a length a person can read, so a
/// megabyte header or path never comes back whole in a problem body or a log line.
/// </summary>
public static class EchoedInput
{
    public const int MaxChars = 100;

    public static string Cut(string? text) =>
        text is null ? "" : text.Length <= MaxChars ? text : $"{text[..MaxChars]}…({text.Length - MaxChars} more characters)";
}
