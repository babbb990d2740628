namespace MockAccounts.Core.Mappings;

/// <summary>
/// Credentials a journal keeps only as digests (while it does not keep credentials whole): request patterns over it
/// may match them only with an exact <c>equalTo</c> (compared digest to digest) or <c>absent</c>, so no pattern can
/// read a credential back one character at a time.
/// </summary>
/// <param name="Headers">The headers holding credentials (case-insensitive).</param>
/// <param name="QueryParameters">The query parameters holding credentials.</param>
/// <param name="Digest">What the journal keeps of a credential value: the same value always gives the same digest.</param>
/// <param name="Setting">The setting that keeps credentials whole, named when a pattern is refused.</param>
public sealed record RedactedCredentials(IReadOnlySet<string> Headers, IReadOnlySet<string> QueryParameters, Func<string, string> Digest, string Setting);
