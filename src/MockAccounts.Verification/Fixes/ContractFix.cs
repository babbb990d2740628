using System.Text.Json.Nodes;
using MockAccounts.Core.Json;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification.Fixes;

/// <summary>
/// The smallest change to a contract that accepts one observed drift, at a JSON pointer into the contract:
/// what a drift suggests, and what <c>--write-variant</c> writes.
/// </summary>
/// <param name="Pointer">The object the change is made to.</param>
public abstract record ContractFix(string Pointer)
{
    /// <summary>The change in words, e.g. <c>add "X" to the enum</c>.</summary>
    public abstract string Describe();

    /// <summary>Makes the change to <paramref name="document"/>'s JSON, in place.</summary>
    /// <param name="document">A copy of the contract being changed.</param>
    /// <exception cref="ContractFileException">The pointer leads to no object (the contract changed since the drift was found).</exception>
    public abstract void Apply(ContractDocument document);

    /// <summary>The object at <see cref="Pointer"/>.</summary>
    protected JsonObject Target(ContractDocument document) =>
        document.At(Pointer) as JsonObject ?? throw new ContractFileException($"{document.Where(Pointer)}: no object there to change");

    /// <summary>A value in a message: its JSON text.</summary>
    protected static string Json(JsonNode? value) => value?.ToJsonString() ?? "null";

    /// <summary>The pointer of a keyword of the target.</summary>
    protected string At(string keyword) => JsonPointer.Append(Pointer, keyword);
}
