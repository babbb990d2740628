using MockAccounts.Core.Generation;
using MockAccounts.Core.Schemas;
using NJsonSchema;

namespace MockAccounts.Core.Contracts;

/// <summary>One documented response: its body schema (for generation and validation) and required headers.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Body">The body schema, resolved for generation; null when the response has no JSON body.</param>
/// <param name="RequiredHeaders">Headers the response must carry.</param>
public sealed record ResponseContract(
    int Status,
    SchemaNode? Body,
    IReadOnlyList<string> RequiredHeaders)
{
    /// <summary>Whether the body differs between requests of one token (so it is never cached).</summary>
    public bool VariesPerRequest { get; } = Body?.VariesPerRequest() ?? false;

    /// <summary>The body schema as NJsonSchema validates it, compiled on first use; null when there is no body.</summary>
    public JsonSchema? BodyValidator => BodyValidatorSource?.Value;

    /// <summary>Compiles <see cref="BodyValidator"/> when first asked.</summary>
    internal Lazy<JsonSchema?>? BodyValidatorSource { get; init; }

    /// <summary>The serving path's quick yes/no check of a body; null when only NJsonSchema can check this schema.</summary>
    internal Schemas.BodyCheck? BodyCheck { get; init; }

    /// <summary>The body's media type (a published spec may document <c>application/problem+json</c>).</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>The response's <c>description</c>, or null.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// The bodies the document gives as examples, in document order: a media type's <c>example</c> (named <c>""</c>)
    /// and its named <c>examples</c>. Only those that keep the schema are here.
    /// </summary>
    public IReadOnlyList<ResponseExample> Examples { get; init; } = [];

    /// <summary>The values of documented headers a scenario does not set (an example, else a value of the header's type).</summary>
    public IReadOnlyDictionary<string, string> HeaderValues { get; init; } = new Dictionary<string, string>();

    /// <summary>The example named <paramref name="name"/> (<c>""</c>: the unnamed one), or null.</summary>
    /// <param name="name">The example's name.</param>
    public ResponseExample? Example(string name) => Examples.FirstOrDefault(e => e.Name == name);
}
