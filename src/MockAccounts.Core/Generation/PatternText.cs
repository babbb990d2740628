using System.Text;
using System.Text.RegularExpressions;
using Fare;

namespace MockAccounts.Core.Generation;

/// <summary>
/// Makes text that matches a schema's <c>pattern</c>: Fare compiles the expression into an automaton once,
/// and each string is a walk through it driven by the field's own randomizer (so it is deterministic per
/// token like every other value), checked against the .NET expression the validator uses.
/// </summary>
internal sealed class PatternText
{
    private const int Attempts = 24;
    private const int LongestWalk = 512;

    private readonly Automaton _automaton;
    private readonly Regex _pattern;

    private PatternText(Automaton automaton, Regex pattern)
    {
        _automaton = automaton;
        _pattern = pattern;
    }

    /// <summary>The generator for <paramref name="pattern"/>, or null with the reason Fare cannot read it.</summary>
    /// <param name="pattern">The schema's pattern as the validator compiled it.</param>
    /// <param name="problem">Why no generator exists, when it does not.</param>
    public static PatternText? TryCreate(Regex pattern, out string? problem)
    {
        try
        {
            var automaton = new RegExp(Unanchored(pattern.ToString())).ToAutomaton();
            if (automaton.IsEmpty)
            {
                problem = $"no text matches the pattern '{pattern}'";
                return null;
            }

            problem = null;
            return new PatternText(automaton, pattern);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            problem = $"the pattern '{pattern}' cannot be generated ({e.Message})";
            return null;
        }
    }

    /// <summary>Text the pattern accepts, within the lengths; null when none was found in a bounded number of walks.</summary>
    /// <param name="random">The field's randomizer.</param>
    /// <param name="minLength">The shortest text allowed.</param>
    /// <param name="maxLength">The longest text allowed.</param>
    public string? Generate(FieldRandomizer random, int minLength, int maxLength)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var text = Walk(random, minLength, Math.Min(maxLength, LongestWalk));
            if (text is not null && text.Length >= minLength && text.Length <= maxLength && _pattern.IsMatch(text))
            {
                return text;
            }
        }

        return null;
    }

    private string? Walk(FieldRandomizer random, int minLength, int maxLength)
    {
        var text = new StringBuilder();
        var state = _automaton.Initial;
        while (true)
        {
            var transitions = state.Transitions;
            // Stop at an accepting state more readily as the text grows, never before the shortest length allowed.
            if (state.Accept && text.Length >= minLength && (transitions.Count == 0 || random.Number(0, 9) < 2 + (text.Length / 8)))
            {
                return text.ToString();
            }

            if (transitions.Count == 0 || text.Length >= maxLength)
            {
                return null;
            }

            var transition = transitions[random.Number(transitions.Count - 1)];
            text.Append(Character(random, transition.Min, transition.Max));
            state = transition.To;
        }
    }

    /// <summary>A character of the range, printable ASCII where the range allows (a <c>.</c> spans all of UTF-16).</summary>
    private static char Character(FieldRandomizer random, char min, char max)
    {
        var (low, high) = (Math.Max((int)min, 0x21), Math.Min((int)max, 0x7E));
        if (low > high)
        {
            (low, high) = (min, max);
        }

        var chosen = (char)random.Number(low, high);
        return char.IsSurrogate(chosen) ? min : chosen;
    }

    /// <summary>
    /// JSON Schema patterns are unanchored, so a string matching the expression without its anchors matches it
    /// with them too; Fare would read <c>^</c> and <c>$</c> as characters.
    /// </summary>
    private static string Unanchored(string pattern)
    {
        var text = pattern.StartsWith('^') ? pattern[1..] : pattern;
        var trailingEscapes = 0;
        for (var i = text.Length - 2; i >= 0 && text[i] == '\\'; i--)
        {
            trailingEscapes++;
        }

        return text.EndsWith('$') && trailingEscapes % 2 == 0 ? text[..^1] : text;
    }
}
