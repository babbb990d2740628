using MockAccounts.Core.Contracts;
using MockAccounts.Core.Http;
using MockAccounts.Core.Routing;
using MockAccounts.Core.Validation;

namespace MockAccounts.Core.Mappings;

/// <summary>
/// Keeps stub mappings from drifting from the contracts: a mapping that answers a vendor operation's
/// method and path must answer what that operation's contract allows.
/// </summary>
public static class StubContractCheck
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>The vendor operation a request lands on, if any.</summary>
    public static OperationContract? OperationFor(ContractSet contracts, string method, string path, Func<VendorContract, VariantContract> variantOf)
    {
        var match = contracts.Match(method, path);
        return match is null ? null : variantOf(match.Vendor).FindOperation(method.ToUpperInvariant(), match.Template);
    }

    /// <summary>
    /// Violations of a mapping whose fixed path is a vendor operation, each naming the operation. Responses known only
    /// per request (templates, patterns, faults) are checked when served instead.
    /// </summary>
    public static IReadOnlyList<string> Check(ContractSet contracts, StubMapping mapping, Func<VendorContract, VariantContract> variantOf)
    {
        if (mapping.Request.ExactPath is not { } path || mapping.Response.IsTemplated || mapping.Response.Fault is not null)
        {
            return [];
        }

        var response = new MockResponse(mapping.Response.Status, mapping.Response.Headers, mapping.Response.Body);
        return (mapping.Request.Method is { } method ? [method] : Methods)
            .Select(m => OperationFor(contracts, m, path, variantOf))
            .OfType<OperationContract>()
            .SelectMany(operation => ResponseValidator.Validate(operation, response).Select(v => Describe(operation, v)))
            .ToArray();
    }

    /// <summary>A violation as <c>METHOD /path: pointer: expected …, actual …</c>.</summary>
    /// <param name="operation">The operation whose contract is broken.</param>
    /// <param name="violation">The violation.</param>
    public static string Describe(OperationContract operation, Violation violation) => $"{operation.Display}: {violation}";
}
