using MockAccounts.Core.Responses;

namespace MockAccounts.Core.Runtime;

/// <summary>No vendor operation has this method and path.</summary>
public sealed record NotMatched : PipelineResult
{
    /// <summary>What every host answers.</summary>
    /// <param name="method">The method asked.</param>
    /// <param name="path">The path asked.</param>
    public static Problem Problem(string method, string path) =>
        new(404, "No such endpoint", $"No vendor answers {EchoedInput.Cut(method)} {EchoedInput.Cut(path)}. See GET /__admin/vendors for every vendor's endpoints.");
}
