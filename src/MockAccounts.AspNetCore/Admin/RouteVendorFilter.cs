namespace MockAccounts.AspNetCore.Admin;

/// <summary>Answers an unknown <c>{vendor}</c> for a whole route group, so handlers only see known vendors.</summary>
internal sealed class RouteVendorFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is RouteVendor { Problem: { } problem })
            {
                return ValueTask.FromResult<object?>(new ProblemResult(problem));
            }
        }

        return next(context);
    }
}
