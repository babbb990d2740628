using System.Text.Json.Nodes;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification.Fixes;

/// <summary>Documents the media type the vendor answered with, beside the documented one and with its schema.</summary>
/// <param name="Pointer">The response's <c>content</c>.</param>
/// <param name="MediaType">The media type observed.</param>
/// <param name="Like">The documented media type whose schema it takes.</param>
public sealed record AddMediaType(string Pointer, string MediaType, string Like) : ContractFix(Pointer)
{
    /// <inheritdoc/>
    public override string Describe() => $"document the media type \"{MediaType}\" beside \"{Like}\"";

    /// <inheritdoc/>
    public override void Apply(ContractDocument document)
    {
        var content = Target(document);
        if (!content.ContainsKey(MediaType) && content[Like] is JsonObject documented)
        {
            content[MediaType] = documented.DeepClone();
        }
    }
}
