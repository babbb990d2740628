using MockAccounts.Core.Responses;
using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>
/// Admin calls over state replicas share: a change the store cannot take answers 503 naming the setting (nothing changed);
/// a change some live replica had not applied when the bounded wait passed answers as usual, naming those replicas in
/// <see cref="NotAppliedHeader"/>.
/// </summary>
internal sealed class SharedStateFilter : IEndpointFilter
{
    /// <summary>The response header naming the replicas that had not applied the change when the answer was sent.</summary>
    public const string NotAppliedHeader = "X-MockAccounts-Not-Applied-By";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var lagging = ReplicaLag.Begin();
        try
        {
            var result = await next(context).ConfigureAwait(false);
            if (lagging.Count > 0)
            {
                context.HttpContext.Response.Headers[NotAppliedHeader] = string.Join(", ", lagging);
            }

            return result;
        }
        catch (SharedStateUnavailableException e)
        {
            return new ProblemResult(new Problem(StatusCodes.Status503ServiceUnavailable, "Shared state unavailable",
                $"{e.Message} Nothing was changed; vendor requests are answered from the last known state meanwhile.")
                .With("setting", e.Setting ?? StateOptions.RedisSetting));
        }
    }
}
