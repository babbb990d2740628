namespace MockAccounts.Core.Runtime;

/// <summary>
/// A per-token count that must advance exactly once per request across every replica: a sequence's position, or the
/// number a varying body draws. It counts within an epoch (the version of the last change that started it over: a
/// vendor switch, a binding, a reset); a claim from an older epoch (a request racing that change) moves nothing.
/// </summary>
/// <param name="Kind">Which count.</param>
/// <param name="Vendor">The vendor.</param>
/// <param name="Token">The credential (empty for requests without one).</param>
/// <param name="Scenario">The sequence counted (a count for another scenario starts over); empty for request numbers.</param>
/// <param name="Epoch">The version of the last change that started this count over.</param>
public readonly record struct SharedCounter(SharedCounterKind Kind, string Vendor, string Token, string Scenario, long Epoch);
