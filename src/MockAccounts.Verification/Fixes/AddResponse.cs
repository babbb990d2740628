using System.Globalization;
using System.Text.Json.Nodes;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification.Fixes;

/// <summary>Documents a status the vendor answered, with the body's schema (a component it fits, or one inferred).</summary>
/// <param name="Pointer">The operation's <c>responses</c>.</param>
/// <param name="Status">The status observed.</param>
/// <param name="MediaType">The body's media type, or null for no body.</param>
/// <param name="Schema">The body's schema.</param>
public sealed record AddResponse(string Pointer, int Status, string? MediaType, JsonObject? Schema) : ContractFix(Pointer)
{
    /// <inheritdoc/>
    public override string Describe() =>
        $"document status {Status.ToString(CultureInfo.InvariantCulture)}" + (Schema is null ? "" : Schema["$ref"] is { } reference ? $" with the body {reference}" : " with a body schema inferred from what was observed");

    /// <inheritdoc/>
    public override void Apply(ContractDocument document)
    {
        var responses = Target(document);
        var code = Status.ToString(CultureInfo.InvariantCulture);
        if (responses.ContainsKey(code))
        {
            return;
        }

        var response = new JsonObject { ["description"] = "Observed by mockaccounts verify; not in the vendor's documentation." };
        if (MediaType is not null && Schema is not null)
        {
            response["content"] = new JsonObject { [MediaType] = new JsonObject { ["schema"] = Schema.DeepClone() } };
        }

        responses[code] = response;
    }
}
