using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MockAccounts.Tool.Tests;

/// <summary>Stand-ins for Ultravox and Runloop that answer as their contracts say, unless a test breaks one thing.</summary>
internal static class StandIns
{
    public const string UltravoxPath = "/api/accounts/me";
    public const string RunloopPath = "/v1/accounts/me";

    /// <summary>Ultravox: the account for a well-formed X-API-Key, else the 401 (with WWW-Authenticate unless told not to).</summary>
    public static Task<StandInProvider> UltravoxAsync(Action<JsonObject>? account = null, bool challenge = true) =>
        StandInProvider.StartAsync(context =>
        {
            if (StandInProvider.HasCredential(context, "X-API-Key"))
            {
                var body = VendorBodies.UltravoxAccount();
                account?.Invoke(body);
                return StandInProvider.JsonAsync(context, 200, body.ToJsonString());
            }

            return challenge
                ? StandInProvider.JsonAsync(context, 401, VendorBodies.UltravoxError().ToJsonString(), ("WWW-Authenticate", "Api-Key realm=\"api\""))
                : StandInProvider.JsonAsync(context, 401, VendorBodies.UltravoxError().ToJsonString());
        });

    /// <summary>Runloop: the account for a bearer token, else the 401.</summary>
    public static Task<StandInProvider> RunloopAsync(Action<JsonObject>? account = null, Func<HttpContext, Task>? unauthenticated = null) =>
        StandInProvider.StartAsync(context =>
        {
            if (StandInProvider.HasCredential(context, "Authorization"))
            {
                var body = VendorBodies.RunloopAccount();
                account?.Invoke(body);
                return StandInProvider.JsonAsync(context, 200, body.ToJsonString());
            }

            return unauthenticated?.Invoke(context) ?? StandInProvider.JsonAsync(context, 401, VendorBodies.RunloopError().ToJsonString());
        });

    /// <summary>The command line that verifies a stand-in of <paramref name="vendor"/>.</summary>
    public static string[] Verify(string vendor, StandInProvider provider, params string[] more) =>
        ["verify", vendor, "--base-url", provider.Url, "--credential", vendor == "ultravox" ? VendorBodies.UltravoxKey : "rl_standin_token", "--timeout", "30", .. more];
}
