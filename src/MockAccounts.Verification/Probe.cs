using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification;

/// <summary>
/// One request verification sends: an operation, with or without the credential. Its headers may hold the
/// credential: a probe is never printed or stored, only its operation and mode.
/// </summary>
/// <param name="Operation">The operation asked.</param>
/// <param name="Mode">How the credential is carried.</param>
/// <param name="Target">The path and query, parameters filled in.</param>
/// <param name="Headers">The request headers (the credential among them).</param>
/// <param name="Body">The JSON request body, or null.</param>
/// <param name="Problem">Why the request cannot be made (a path parameter without a value), or null.</param>
public sealed record Probe(
    DocumentOperation Operation,
    RequestMode Mode,
    string Target,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? Body,
    string? Problem)
{
    /// <summary>The key a recording files the response under: operation and mode.</summary>
    public (string Operation, RequestMode Mode) Key => (Operation.Display, Mode);

    /// <inheritdoc/>
    public override string ToString() => $"{Operation.Display} {Names.Of(Mode)}";
}
