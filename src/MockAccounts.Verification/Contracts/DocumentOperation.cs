using System.Text.Json.Nodes;
using MockAccounts.Core.Json;

namespace MockAccounts.Verification.Contracts;

/// <summary>One operation of a <see cref="ContractDocument"/>, with where it is written.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Template">The path template, e.g. <c>/v1/accounts/{id}</c>.</param>
/// <param name="Pointer">The operation object's JSON pointer, e.g. <c>/paths/~1v1~1accounts~1me/get</c>.</param>
/// <param name="Node">The operation object.</param>
/// <param name="PathItem">The path item holding it (its <c>parameters</c> apply too).</param>
public sealed record DocumentOperation(string Method, string Template, string Pointer, JsonObject Node, JsonObject PathItem)
{
    /// <summary><c>METHOD /path</c>, as reports name operations.</summary>
    public string Display => $"{Method} {Template}";

    /// <summary>Whether the method changes nothing on the server (GET, HEAD, OPTIONS).</summary>
    public bool IsSafe => Method is "GET" or "HEAD" or "OPTIONS";

    /// <summary>The pointer to the documented responses.</summary>
    public string ResponsesPointer => JsonPointer.Append(Pointer, "responses");

    /// <summary>The pointer to the response documented for <paramref name="status"/>.</summary>
    /// <param name="status">The status code.</param>
    public string ResponsePointer(int status) => JsonPointer.Append(ResponsesPointer, status.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The documented statuses, numeric ones only, in document order.</summary>
    public IEnumerable<int> Statuses() =>
        (Node["responses"] as JsonObject ?? [])
            .Select(p => int.TryParse(p.Key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : -1)
            .Where(s => s > 0);
}
