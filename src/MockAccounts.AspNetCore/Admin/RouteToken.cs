namespace MockAccounts.AspNetCore.Admin;

/// <summary>The <c>{token}</c> of an admin route, decoded exactly once (a token may hold '/', '+' or '=').</summary>
internal sealed class RouteToken
{
    private RouteToken(string value) => Value = value;

    public string Value { get; }

    public static ValueTask<RouteToken> BindAsync(HttpContext context) =>
        ValueTask.FromResult(new RouteToken(RouteValues.Decoded(context, "token")));
}
