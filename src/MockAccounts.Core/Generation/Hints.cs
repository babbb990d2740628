using System.Text.Json.Nodes;

namespace MockAccounts.Core.Generation;

/// <summary>A generation hint from an <c>x-mock</c> schema extension or a <c>$mock</c> override.</summary>
public abstract record Hint;

public sealed record ConstHint(JsonNode? Value) : Hint;

public sealed record PickHint(IReadOnlyList<JsonNode?> Values) : Hint;

public sealed record FakerHint(string Name) : Hint;

public sealed record TemplateHint(TemplateText Template) : Hint;

public sealed record UuidHint : Hint;

public sealed record IntHint(long Min, long Max) : Hint;

public sealed record DecimalHint(decimal Min, decimal Max, int Places) : Hint;

/// <summary><c>Places</c> fractional digits (0 to 9) after the seconds, e.g. <c>"812.345s"</c>.</summary>
public sealed record DurationHint(long MinSeconds, long MaxSeconds, int Places = 0) : Hint;

public sealed record DateHint(RelativeTime From, RelativeTime To) : Hint;

public sealed record CopyHint(string Pointer) : Hint;

/// <summary><c>Then</c>/<c>Else</c> of null mean "generate from the schema".</summary>
public sealed record WhenHint(string Pointer, IReadOnlyList<JsonNode?> Values, Hint? Then, Hint? Else) : Hint;

public sealed record ArrayHint(int Min, int Max) : Hint;

public sealed record SubsetHint(IReadOnlyList<JsonNode?> Values) : Hint;

/// <summary>The property is left out of the body (for fields "present only when …").</summary>
public sealed record AbsentHint : Hint;

/// <summary><c>Hint</c> drawn afresh for every request (a request id), not once per token.</summary>
public sealed record PerRequestHint(Hint Hint) : Hint;
