using System.Text.Json.Nodes;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Json;
using MockAccounts.Core.Schemas;
using NJsonSchema;

namespace MockAccounts.Core.Loading;

/// <summary>
/// Turns an OpenAPI document's JSON Schemas into <see cref="SchemaNode"/>s for generation and into
/// NJsonSchema validators; rejects keywords the engine does not understand rather than ignoring them.
/// </summary>
internal sealed class SchemaCompiler
{
    private const string ComponentPrefix = "#/components/schemas/";

    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "items", "enum", "format", "pattern",
        "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "$ref",
        "description", "deprecated", "title", "examples", "example", "readOnly", "writeOnly", "x-mock",
    };

    private static readonly Dictionary<string, SchemaTypes> TypeNames = Enum.GetValues<SchemaTypes>()
        .Where(t => t != SchemaTypes.None)
        .ToDictionary(t => t.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    private readonly JsonObject _document;
    private readonly Action<string, string> _fail;
    private readonly Dictionary<string, SchemaNode> _components = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyDictionary<JsonNode, JsonSchema>> _validators;

    public SchemaCompiler(JsonObject document, Action<string, string> fail)
    {
        _document = document;
        _fail = fail;
        _validators = new(() => ValidatorBatch.CompileAsync(_document, Resolve).GetAwaiter().GetResult());
    }

    public SchemaNode Compile(JsonNode? schema, string location)
    {
        if (schema is not JsonObject obj)
        {
            _fail(location, "expected a schema object");
            return new SchemaNode { Source = location };
        }

        if (obj["$ref"] is JsonNode reference)
        {
            return Reference(reference.ToString(), JsonPointer.Append(location, "$ref"));
        }

        var node = new SchemaNode { Source = location };
        Fill(node, obj, location);
        return node;
    }

    /// <summary>
    /// An NJsonSchema validator for <paramref name="schema"/> (component refs rewritten to <c>definitions</c>),
    /// compiled on first use: a start whose proof is cached never loads NJsonSchema, and the serving path
    /// asks for it only to describe a body its quick check refused. A proof forces it during the load, so a
    /// schema NJsonSchema cannot use is still reported there, at its location.
    /// </summary>
    public Lazy<JsonSchema?> Validator(JsonNode schema, string location) => new(() => CompileValidator(schema, location));

    private JsonSchema? CompileValidator(JsonNode schema, string location)
    {
        // NJsonSchema parses only asynchronously; with every reference inside the document its parse never
        // waits on I/O, and the pipeline that may ask for a validator mid-request is synchronous by design.
        if (_validators.Value.TryGetValue(schema, out var compiled))
        {
            return compiled;
        }

        var root = Rewrite(schema.DeepClone());
        if (root is JsonObject obj && _document["components"]?["schemas"] is JsonObject components)
        {
            obj["definitions"] = Rewrite(components.DeepClone());
        }

        try
        {
            return JsonSchema.FromJsonAsync(root!.ToJsonString()).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is InvalidOperationException or Newtonsoft.Json.JsonException or NotSupportedException)
        {
            _fail(location, $"the schema cannot be used for validation: {e.Message}");
            return null;
        }
    }

    /// <summary>The serving path's quick check of bodies against <paramref name="schema"/>, or null when it cannot express it.</summary>
    /// <param name="schema">The body schema, as the document writes it.</param>
    public Schemas.BodyCheck? Check(JsonNode schema) =>
        Schemas.BodyCheck.Compile(schema, reference => reference.StartsWith("#/", StringComparison.Ordinal) ? Lookup(reference[1..]) : null);

    /// <summary>Follows a <c>$ref</c> to <c>#/components/...</c> for responses and request bodies.</summary>
    public JsonNode? Resolve(JsonNode? node) =>
        node?["$ref"] is JsonValue reference && reference.ToString().StartsWith("#/", StringComparison.Ordinal)
            ? Lookup(reference.ToString()[1..])
            : node;

    /// <summary>The raw JSON at a pointer into the document (for response and body refs).</summary>
    private JsonNode? Lookup(string pointer)
    {
        JsonNode? node = _document;
        foreach (var segment in JsonPointer.Split(pointer))
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return node;
    }

    private SchemaNode Reference(string reference, string location)
    {
        if (!reference.StartsWith(ComponentPrefix, StringComparison.Ordinal))
        {
            _fail(location, $"'{reference}' is not supported (expected a reference to {ComponentPrefix}<name>)");
            return new SchemaNode { Source = location };
        }

        var name = reference[ComponentPrefix.Length..];
        if (_components.TryGetValue(name, out var known))
        {
            return known;
        }

        var source = "/components/schemas/" + name;
        var node = new SchemaNode { Source = source };
        _components[name] = node;
        if (_document["components"]?["schemas"]?[name] is JsonObject target)
        {
            Fill(node, target, source);
        }
        else
        {
            _fail(location, $"'{reference}' does not resolve (no schema '{name}' in components.schemas)");
        }

        return node;
    }

    private void Fill(SchemaNode node, JsonObject obj, string location)
    {
        foreach (var key in obj.Select(p => p.Key).Where(k => !Supported.Contains(k)))
        {
            _fail(JsonPointer.Append(location, key), $"keyword '{key}' is not supported (see docs/contract-format.md)");
        }

        node.Types = Types(obj["type"], JsonPointer.Append(location, "type"));
        node.Format = obj["format"]?.GetValue<string>();
        node.Enum = obj["enum"] is JsonArray values ? values.Select(v => v?.DeepClone()).ToArray() : null;
        node.Minimum = Decimal(obj["minimum"]);
        node.Maximum = Decimal(obj["maximum"]);
        node.MinLength = (int?)Decimal(obj["minLength"]);
        node.MaxLength = (int?)Decimal(obj["maxLength"]);
        node.MaxItems = (int?)Decimal(obj["maxItems"]);
        node.Required = (obj["required"] as JsonArray ?? []).Select(r => r?.ToString() ?? "").ToHashSet(StringComparer.Ordinal);
        if (obj["pattern"] is JsonValue pattern && pattern.TryGetValue<string>(out var regex))
        {
            try
            {
                node.Pattern = new System.Text.RegularExpressions.Regex(regex, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
            }
            catch (ArgumentException e)
            {
                _fail(JsonPointer.Append(location, "pattern"), $"'{regex}' is not a regular expression: {e.Message}");
            }
        }

        if (obj["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                node.AddProperty(name, Compile(child, JsonPointer.Append(JsonPointer.Append(location, "properties"), name)));
            }
        }

        foreach (var required in (obj["required"] as JsonArray ?? []).Select(r => r?.ToString() ?? ""))
        {
            if (node.Property(required) is null)
            {
                _fail(JsonPointer.Append(location, "required"), $"'{required}' is required but not among the properties");
            }
        }

        if (obj["items"] is JsonNode items)
        {
            node.Items = Compile(items, JsonPointer.Append(location, "items"));
        }

        if (obj["x-mock"] is JsonNode hint)
        {
            node.Hint = HintParser.Parse(hint, JsonPointer.Append(location, "x-mock"), _fail);
        }
    }

    private SchemaTypes Types(JsonNode? type, string location)
    {
        var names = type switch
        {
            null => [],
            JsonArray array => array.Select(t => t?.ToString() ?? "").ToArray(),
            _ => [type.ToString()],
        };
        var types = SchemaTypes.None;
        foreach (var name in names)
        {
            if (TypeNames.TryGetValue(name, out var parsed))
            {
                types |= parsed;
            }
            else
            {
                _fail(location, $"unknown type '{name}' (expected null, boolean, integer, number, string, array or object)");
            }
        }

        return types;
    }

    private static decimal? Decimal(JsonNode? node) => node is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : null;

    /// <summary>Component refs pointed at <c>definitions</c>, and the mock hints dropped, in place.</summary>
    internal static JsonNode? Rewrite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue r && r.TryGetValue<string>(out var reference) && reference.StartsWith(ComponentPrefix, StringComparison.Ordinal))
                {
                    obj["$ref"] = "#/definitions/" + reference[ComponentPrefix.Length..];
                }

                obj.Remove("x-mock");
                foreach (var (_, child) in obj.ToArray())
                {
                    Rewrite(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Rewrite(child);
                }

                break;
        }

        return node;
    }
}
