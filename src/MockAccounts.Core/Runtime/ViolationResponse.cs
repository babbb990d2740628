using System.Text.Json.Nodes;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Http;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Validation;

namespace MockAccounts.Core.Runtime;

/// <summary>What strict validation answers instead of a response that breaks its contract.</summary>
public static class ViolationResponse
{
    /// <summary>The header that lists violations (in warn mode on the response itself).</summary>
    public const string Header = "X-MockAccounts-Violations";

    /// <summary>A 500 <c>application/problem+json</c> listing the violations, sent instead of the broken response.</summary>
    /// <param name="operation">The operation whose response broke its contract.</param>
    /// <param name="violations">Where it broke it.</param>
    public static MockResponse For(OperationContract operation, IReadOnlyList<Violation> violations) =>
        new Problem(500, "The mock's response breaks its contract", $"{operation.Display}: {violations.Count} violation(s); the contract or scenario needs fixing.")
        {
            Type = "https://mockaccounts.dev/problems/contract-violation",
        }
        .With("violations", new JsonArray(violations.Select(v => (JsonNode)new JsonObject
        {
            ["pointer"] = v.Pointer,
            ["expected"] = v.Expected,
            ["actual"] = v.Actual,
        }).ToArray()))
        .ToResponse(new KeyValuePair<string, string>(Header, HeaderValue(violations)));

    /// <summary>Violations on one header line, ASCII only, bounded.</summary>
    public static string HeaderValue(IReadOnlyList<Violation> violations)
    {
        var text = string.Join("; ", violations);
        var ascii = new string(text.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
        return ascii.Length > 1000 ? ascii[..997] + "..." : ascii;
    }
}
