using System.Text.Json.Nodes;

namespace MockAccounts.Core.Generation;

/// <summary>A generation hint from an <c>x-mock</c> schema extension or a <c>$mock</c> override.</summary>
public abstract record Hint;

/// <summary>Always this value.</summary>
/// <param name="Value">The value to use.</param>
public sealed record ConstHint(JsonNode? Value) : Hint;

/// <summary>One of these values, chosen per token.</summary>
/// <param name="Values">The values to choose from.</param>
public sealed record PickHint(IReadOnlyList<JsonNode?> Values) : Hint;

/// <summary>A realistic value from a named Bogus faker (see <see cref="FakerRegistry"/>).</summary>
/// <param name="Name">The faker name, e.g. <c>internet.email</c>.</param>
public sealed record FakerHint(string Name) : Hint;

/// <summary>Text built from a template with random placeholders, e.g. <c>cus_{alnum:14}</c>.</summary>
/// <param name="Template">The parsed template.</param>
public sealed record TemplateHint(TemplateText Template) : Hint;

/// <summary>A random UUID, stable per token.</summary>
public sealed record UuidHint : Hint;

/// <summary>An integer within a range.</summary>
/// <param name="Min">The smallest value, inclusive.</param>
/// <param name="Max">The largest value, inclusive.</param>
public sealed record IntHint(long Min, long Max) : Hint;

/// <summary>A decimal number within a range, with a fixed number of fractional digits.</summary>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
/// <param name="Places">How many digits follow the decimal point.</param>
public sealed record DecimalHint(decimal Min, decimal Max, int Places) : Hint;

/// <summary><c>Places</c> fractional digits (0 to 9) after the seconds, e.g. <c>"812.345s"</c>.</summary>
public sealed record DurationHint(long MinSeconds, long MaxSeconds, int Places = 0) : Hint;

/// <summary>A date-time between two offsets from the reference time.</summary>
/// <param name="From">The earliest moment, e.g. <c>-3y</c>.</param>
/// <param name="To">The latest moment, e.g. <c>0s</c>.</param>
public sealed record DateHint(RelativeTime From, RelativeTime To) : Hint;

/// <summary>The value generated for another field of the same body, so related fields agree.</summary>
/// <param name="Pointer">The JSON pointer of the field to copy.</param>
public sealed record CopyHint(string Pointer) : Hint;

/// <summary><c>Then</c>/<c>Else</c> of null mean "generate from the schema".</summary>
public sealed record WhenHint(string Pointer, IReadOnlyList<JsonNode?> Values, Hint? Then, Hint? Else) : Hint;

/// <summary>An array whose item count is drawn within a range.</summary>
/// <param name="Min">The fewest items.</param>
/// <param name="Max">The most items.</param>
public sealed record ArrayHint(int Min, int Max) : Hint;

/// <summary>An array holding some of these values, chosen per token.</summary>
/// <param name="Values">The values a subset is drawn from.</param>
public sealed record SubsetHint(IReadOnlyList<JsonNode?> Values) : Hint;

/// <summary>The property is left out of the body (for fields "present only when …").</summary>
public sealed record AbsentHint : Hint;

/// <summary><c>Hint</c> drawn afresh for every request (a request id), not once per token.</summary>
public sealed record PerRequestHint(Hint Hint) : Hint;
