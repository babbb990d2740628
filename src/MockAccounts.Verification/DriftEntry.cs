namespace MockAccounts.Verification;

/// <summary>One distinct drift of a report, numbered, with every check that saw it.</summary>
/// <param name="Id">Its number in the report (1, 2, …).</param>
/// <param name="Drift">The drift.</param>
/// <param name="SeenIn">The checks that saw it, by name.</param>
public sealed record DriftEntry(int Id, Drift Drift, IReadOnlyList<string> SeenIn);
