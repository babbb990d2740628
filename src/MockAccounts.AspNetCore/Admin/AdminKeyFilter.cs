using System.Security.Cryptography;
using System.Text;
using MockAccounts.Core.Responses;
using MockAccounts.AspNetCore.Hosting;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>
/// With <c>MockAccounts:Admin:Key</c> set, admin calls need <c>Authorization: Bearer &lt;key&gt;</c>
/// (compared in constant time); vendor endpoints and health are unaffected.
/// </summary>
internal sealed class AdminKeyFilter : IEndpointFilter
{
    private readonly byte[]? _key;

    public AdminKeyFilter(MockAccountsOptions options) =>
        _key = options.Admin.Key is { } key ? Encoding.UTF8.GetBytes(key) : null;

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_key is null || Presented(context.HttpContext.Request) is { } presented && CryptographicOperations.FixedTimeEquals(presented, _key))
        {
            return next(context);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"mockaccounts-admin\"";
        return ValueTask.FromResult<object?>(new ProblemResult(new Problem(StatusCodes.Status401Unauthorized, "Admin key required",
            "This mock's admin API is protected: send Authorization: Bearer <the value of MockAccounts:Admin:Key>.")));
    }

    private static byte[]? Presented(HttpRequest request)
    {
        const string Scheme = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()) : null;
    }
}
