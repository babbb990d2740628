using System.Security.Cryptography;
using System.Text;
using MockAccounts.Core.Responses;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>
/// With <c>MockAccounts:Admin:Key</c> set, admin calls need <c>Authorization: Bearer &lt;key&gt;</c>
/// (compared in constant time); vendor endpoints and health are unaffected. Wrong keys are throttled per
/// client address (<see cref="AdminKeyThrottle"/>).
/// </summary>
internal sealed class AdminKeyFilter : IEndpointFilter
{
    private readonly byte[]? _key;
    private readonly AdminKeyThrottle _throttle;

    public AdminKeyFilter(MockAccountsOptions options, AdminKeyThrottle throttle)
    {
        _key = options.Admin.Key is { } key ? Encoding.UTF8.GetBytes(key) : null;
        _throttle = throttle;
    }

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_key is null)
        {
            return next(context);
        }

        if (_throttle.Wait(context.HttpContext) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ValueTask.FromResult<object?>(new ProblemResult(new Problem(StatusCodes.Status429TooManyRequests, "Too many wrong admin keys",
                $"This address sent {AdminKeyThrottle.MaxFailures} wrong admin keys within {AdminKeyThrottle.Window.TotalSeconds:0} seconds; " +
                $"admin calls from it are refused for {seconds} more seconds (Retry-After), whatever key they carry.")));
        }

        if (Presented(context.HttpContext.Request) is { } presented && CryptographicOperations.FixedTimeEquals(presented, _key))
        {
            return next(context);
        }

        _throttle.Failed(context.HttpContext);
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
