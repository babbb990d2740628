using MockAccounts.Core.Responses;

namespace MockAccounts.Core.Runtime;

/// <summary>The path is a vendor operation's, but not for this method: <paramref name="Allowed"/> are the documented ones.</summary>
public sealed record MethodNotAllowed(IReadOnlyList<string> Allowed) : PipelineResult
{
    /// <summary>What every host answers (with an <c>Allow</c> header listing <see cref="Allowed"/>).</summary>
    /// <param name="method">The method asked.</param>
    /// <param name="path">The path asked.</param>
    public Problem Problem(string method, string path) =>
        new(405, "Method not allowed", $"{EchoedInput.Cut(path)} is documented for {string.Join(", ", Allowed)}, not {EchoedInput.Cut(method)}.");
}
