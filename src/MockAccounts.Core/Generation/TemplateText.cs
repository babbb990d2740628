using System.Text.RegularExpressions;
using Bogus;

namespace MockAccounts.Core.Generation;

/// <summary>Text with random placeholders such as <c>cus_{alnum:14}</c>, parsed once at load.</summary>
public sealed partial class TemplateText
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";

    private static readonly Dictionary<string, string> Alphabets = new(StringComparer.Ordinal)
    {
        ["alnum"] = Lower + Upper + Digits,
        ["alpha"] = Lower + Upper,
        ["lower"] = Lower,
        ["upper"] = Upper,
        ["digits"] = Digits,
        ["hex"] = Digits + "abcdef",
    };

    private readonly (string Literal, string? Alphabet, int Length)[] _parts;
    private readonly int _length;

    private TemplateText((string, string?, int)[] parts)
    {
        _parts = parts;
        _length = parts.Sum(p => p.Item1.Length + p.Item3);
    }

    /// <summary>Parses a template once; a malformed placeholder throws, so a broken contract fails at load.</summary>
    /// <param name="text">The template text, e.g. <c>cus_{alnum:14}</c>.</param>
    public static TemplateText Parse(string text)
    {
        var parts = new List<(string, string?, int)>();
        var at = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            if (!Alphabets.TryGetValue(match.Groups[1].Value, out var alphabet))
            {
                throw new FormatException(
                    $"unknown placeholder '{{{match.Groups[1].Value}:…}}' (expected one of {string.Join(", ", Alphabets.Keys)})");
            }

            parts.Add((text[at..match.Index], alphabet, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
            at = match.Index + match.Length;
        }

        var tail = text[at..];
        if (tail.Contains('{', StringComparison.Ordinal) || parts.Any(p => p.Item1.Contains('{', StringComparison.Ordinal)))
        {
            throw new FormatException($"malformed placeholder in '{text}' (expected e.g. {{alnum:14}})");
        }

        parts.Add((tail, null, 0));
        return new TemplateText([.. parts]);
    }

    /// <summary>The text with every placeholder filled from <paramref name="random"/>.</summary>
    /// <param name="random">The (seeded) randomness to fill placeholders from.</param>
    public string Render(Randomizer random) => Render(random, static (r, count) => r.Number(count - 1));

    /// <summary>The text filled from a field's randomizer: the same characters, drawn without Bogus' lock.</summary>
    internal string Render(FieldRandomizer random) => Render(random, static (r, count) => r.Number(count - 1));

    private string Render<TRandom>(TRandom random, Func<TRandom, int, int> below) =>
        // The length is known at load: the text is written in place, no builder (templates fill every id field).
        string.Create(_length, (_parts, random, below), static (text, state) =>
        {
            var at = 0;
            foreach (var (literal, alphabet, length) in state._parts)
            {
                literal.CopyTo(text[at..]);
                at += literal.Length;
                for (var i = 0; alphabet is not null && i < length; i++)
                {
                    text[at++] = alphabet[state.below(state.random, alphabet.Length)];
                }
            }
        });

    [GeneratedRegex(@"\{([a-z]+):(\d{1,3})\}")]
    private static partial Regex Placeholder();
}
