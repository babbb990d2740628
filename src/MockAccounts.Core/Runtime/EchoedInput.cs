namespace MockAccounts.Core.Runtime;

/// <summary>
/// A client's own text quoted back in an error: cut to a length a person can read, so a
/// megabyte header or path never comes back whole in a problem body or a log line.
/// </summary>
public static class EchoedInput
{
    /// <summary>The most characters of a client's text quoted back.</summary>
    public const int MaxChars = 100;

    /// <summary>The text cut to <see cref="MaxChars"/>, saying how much was left out; empty for null.</summary>
    /// <param name="text">The client's text.</param>
    public static string Cut(string? text) =>
        text is null ? "" : text.Length <= MaxChars ? text : $"{text[..MaxChars]}…({text.Length - MaxChars} more characters)";
}
