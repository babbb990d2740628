namespace MockAccounts.Core.Generation;

/// <summary>A realistic value from a named Bogus faker (see <see cref="FakerRegistry"/>).</summary>
/// <param name="Name">The faker name, e.g. <c>internet.email</c>.</param>
public sealed record FakerHint(string Name) : Hint;
