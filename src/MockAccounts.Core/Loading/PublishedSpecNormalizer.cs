using System.Text.Json.Nodes;
using MockAccounts.Core.Json;

namespace MockAccounts.Core.Loading;

/// <summary>
/// Turns a published OpenAPI 3.0 or 3.1 document into the one form the rest of the loader reads: every
/// schema in JSON Schema terms NJsonSchema validates as the spec means it (3.0's <c>nullable</c>, boolean
/// exclusive bounds, 3.1's <c>const</c> and <c>$ref</c> siblings rewritten), relative-file <c>$ref</c>s brought
/// in (schemas as components, anything else in place), and a warning, naming its pointer, for every keyword
/// that cannot be honoured. The vendor's file is not changed; this is a copy.
/// </summary>
internal sealed class PublishedSpecNormalizer
{
    private const string ComponentPrefix = "#/components/schemas/";
    private const int DeepestInlining = 32;

    /// <summary>Keywords whose value is one schema.</summary>
    private static readonly HashSet<string> SchemaValued = new(StringComparer.Ordinal)
    {
        "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
        "unevaluatedProperties", "unevaluatedItems", "contentSchema", "additionalItems",
    };

    /// <summary>Keywords whose value is an array of schemas.</summary>
    private static readonly HashSet<string> SchemaListed = new(StringComparer.Ordinal) { "allOf", "oneOf", "anyOf", "prefixItems" };

    /// <summary>Keywords whose value maps names to schemas.</summary>
    private static readonly HashSet<string> SchemaMapped = new(StringComparer.Ordinal) { "properties", "patternProperties", "dependentSchemas", "$defs", "definitions" };

    /// <summary>Keywords NJsonSchema does not validate and generation does not aim for: warned, never silently dropped.</summary>
    private static readonly HashSet<string> NotEnforced = new(StringComparer.Ordinal)
    {
        "if", "then", "else", "dependentRequired", "dependentSchemas", "dependencies", "contains", "minContains", "maxContains",
        "propertyNames", "unevaluatedProperties", "unevaluatedItems", "prefixItems", "$dynamicRef", "$dynamicAnchor",
        "$recursiveRef", "$recursiveAnchor", "contentSchema",
    };

    /// <summary>Keywords that only describe: dropped beside a 3.0 <c>$ref</c> without a word.</summary>
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "description", "title", "example", "examples", "deprecated", "externalDocs", "xml", "$comment", "default", "summary",
    };

    private readonly bool _openApi30;
    private readonly Func<string, JsonObject?> _load;
    private readonly Action<string, string> _warn;
    private readonly Action<string, string> _fail;
    private readonly JsonObject _components = [];
    private readonly Dictionary<string, string> _imported = new(StringComparer.Ordinal);
    private readonly HashSet<string> _files = new(StringComparer.Ordinal);
    private HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <param name="openApi30">The document is OpenAPI 3.0 (else 3.1).</param>
    /// <param name="load">Reads another file of the spec (absolute path) as JSON; null after reporting why it cannot.</param>
    /// <param name="warn">Reports what cannot be honoured, at a pointer.</param>
    /// <param name="fail">Reports what cannot be read, at a pointer.</param>
    public PublishedSpecNormalizer(bool openApi30, Func<string, JsonObject?> load, Action<string, string> warn, Action<string, string> fail)
    {
        _openApi30 = openApi30;
        _load = load;
        _warn = warn;
        _fail = fail;
    }

    /// <summary>Every other file the document's references brought in (absolute paths), for the proof's key.</summary>
    public IReadOnlyCollection<string> Files => _files;

    /// <summary>The normalised copy of <paramref name="root"/>, read from <paramref name="path"/>.</summary>
    public JsonObject Normalize(JsonObject root, string path)
    {
        var main = new Source(Path.GetFullPath(path), root, IsMain: true);
        _taken = (root["components"]?["schemas"] as JsonObject ?? []).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var normalized = (JsonObject)Walk(root, main, "", schema: false, depth: 0)!;
        if (normalized["components"] is not JsonObject components)
        {
            normalized["components"] = components = [];
        }

        if (components["schemas"] is not JsonObject schemas)
        {
            components["schemas"] = schemas = [];
        }

        foreach (var (name, schema) in _components.ToArray())
        {
            _components.Remove(name);
            schemas[name] = schema;
        }

        return normalized;
    }

    private sealed record Source(string Path, JsonObject Root, bool IsMain);

    private JsonNode? Walk(JsonNode? node, Source source, string pointer, bool schema, int depth)
    {
        switch (node)
        {
            case JsonObject obj when obj["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target):
                return schema ? SchemaReference(obj, target, source, pointer, depth) : Reference(obj, target, source, pointer, depth);
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var at = JsonPointer.Append(pointer, key);
                    copy[key] = schema ? SchemaChild(key, value, source, at, depth)
                        : key is "example" or "value" or "default" ? value?.DeepClone()
                        : Walk(value, source, at, IsSchemaKey(key, pointer), depth);
                }

                return schema ? Schema(copy, pointer) : copy;
            case JsonArray array:
                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    items.Add(Walk(array[i], source, JsonPointer.Append(pointer, i), schema: false, depth));
                }

                return items;
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>Where the OpenAPI document (not a schema) holds a schema: <c>schema</c> of parameters, headers and media types, and components.</summary>
    private static bool IsSchemaKey(string key, string parent) =>
        key == "schema" || parent is "/components/schemas" || parent.EndsWith("/components/schemas", StringComparison.Ordinal);

    private JsonNode? SchemaChild(string key, JsonNode? value, Source source, string pointer, int depth)
    {
        if (SchemaValued.Contains(key) && value is JsonObject)
        {
            return Walk(value, source, pointer, schema: true, depth);
        }

        if (SchemaListed.Contains(key) && value is JsonArray list)
        {
            var items = new JsonArray();
            for (var i = 0; i < list.Count; i++)
            {
                items.Add(Walk(list[i], source, JsonPointer.Append(pointer, i), schema: true, depth));
            }

            return items;
        }

        if (SchemaMapped.Contains(key) && value is JsonObject map)
        {
            var copy = new JsonObject();
            foreach (var (name, child) in map)
            {
                copy[name] = Walk(child, source, JsonPointer.Append(pointer, name), schema: true, depth);
            }

            return copy;
        }

        // enum, examples, default, discriminator...: values, copied as they are.
        return value?.DeepClone();
    }

    /// <summary>One schema object whose children are already normalised: the rewrites NJsonSchema needs to read it as the spec means it.</summary>
    private JsonObject Schema(JsonObject schema, string pointer)
    {
        if (_openApi30)
        {
            ExclusiveBound(schema, "exclusiveMinimum", "minimum");
            ExclusiveBound(schema, "exclusiveMaximum", "maximum");
        }

        // 3.1's const is an enum of one (NJsonSchema does not read const).
        if (schema.Remove("const", out var constant))
        {
            schema["enum"] = schema["enum"] is JsonArray listed
                ? new JsonArray(listed.Where(v => JsonNode.DeepEquals(v, constant)).Select(v => v?.DeepClone()).ToArray())
                : new JsonArray(constant?.DeepClone());
        }

        foreach (var keyword in schema.Select(p => p.Key).Where(NotEnforced.Contains).ToArray())
        {
            _warn(JsonPointer.Append(pointer, keyword), $"'{keyword}' is not enforced: validation ignores it and generated bodies may break it");
        }

        if (schema.ContainsKey("not"))
        {
            _warn(JsonPointer.Append(pointer, "not"), "'not' is checked by validation, but generation does not aim for it: a generated body that breaks it is answered as a contract violation");
        }

        if (schema.ContainsKey("$id"))
        {
            _warn(JsonPointer.Append(pointer, "$id"), "'$id' is not honoured: references inside resolve against the document");
        }

        var nullable = _openApi30 && schema["nullable"] is JsonValue flag && flag.TryGetValue<bool>(out var isNullable) && isNullable;
        schema.Remove("nullable");
        if (nullable)
        {
            schema = Nullable(schema);
        }

        schema = Constraints(schema);

        // JSON Schema: an enum's null is allowed only if the type is; NJsonSchema would accept it either way.
        if (schema["enum"] is JsonArray values && schema["type"] is { } type && !Allows(type, "null") && values.Any(v => v is null))
        {
            schema["enum"] = new JsonArray(values.Where(v => v is not null).Select(v => v!.DeepClone()).ToArray());
        }

        return schema;
    }

    /// <summary>
    /// A schema's own constraints beside an <c>allOf</c> move into one more element of it: NJsonSchema reads
    /// <c>{"allOf": [{"$ref": …}], "maxLength": 4}</c> as the reference alone and would not check the length. The
    /// meaning is the same; annotations and the discriminator stay where they are.
    /// </summary>
    private static JsonObject Constraints(JsonObject schema)
    {
        if (schema["allOf"] is not JsonArray allOf)
        {
            return schema;
        }

        var own = schema.Where(p => p.Key != "allOf" && !Annotations.Contains(p.Key) && p.Key is not ("readOnly" or "writeOnly" or "discriminator") && !p.Key.StartsWith("x-", StringComparison.Ordinal)).Select(p => p.Key).ToArray();
        if (own.Length == 0)
        {
            return schema;
        }

        var part = new JsonObject();
        foreach (var key in own)
        {
            schema.Remove(key, out var value);
            part[key] = value;
        }

        allOf.Add(part);
        return schema;
    }

    /// <summary>
    /// 3.0's <c>nullable: true</c>, read as generators and Prism read it: null is allowed besides whatever the
    /// schema allows. With a type, <c>"null"</c> joins it (and an enum); without one (beside allOf, oneOf, anyOf),
    /// the schema becomes <c>anyOf: [schema, {"type": "null"}]</c>.
    /// </summary>
    private static JsonObject Nullable(JsonObject schema)
    {
        var composed = schema.ContainsKey("allOf") || schema.ContainsKey("oneOf") || schema.ContainsKey("anyOf") || schema.ContainsKey("not");
        if (schema["type"] is JsonValue single && !composed)
        {
            schema["type"] = new JsonArray(single.DeepClone(), "null");
            if (schema["enum"] is JsonArray values && !values.Any(v => v is null))
            {
                values.Add(null);
            }

            return schema;
        }

        var wrapped = new JsonObject();
        foreach (var key in schema.Select(p => p.Key).Where(Annotations.Contains).Concat(["readOnly", "writeOnly"]).ToArray())
        {
            if (schema.Remove(key, out var annotation))
            {
                wrapped[key] = annotation;
            }
        }

        wrapped["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" });
        return wrapped;
    }

    private static bool Allows(JsonNode type, string name) =>
        type is JsonArray types ? types.Any(t => t?.ToString() == name) : type.ToString() == name;

    /// <summary>3.0's boolean <c>exclusiveMinimum</c> beside <c>minimum</c> becomes 3.1's numeric one.</summary>
    private static void ExclusiveBound(JsonObject schema, string exclusive, string inclusive)
    {
        if (schema[exclusive] is JsonValue flag && flag.TryGetValue<bool>(out var isExclusive))
        {
            schema.Remove(exclusive);
            if (isExclusive && schema.Remove(inclusive, out var bound))
            {
                schema[exclusive] = bound;
            }
        }
    }

    /// <summary>A schema's <c>$ref</c>: to a component it stays; any other target is brought in as a component.</summary>
    private JsonObject SchemaReference(JsonObject obj, string target, Source source, string pointer, int depth)
    {
        string reference;
        if (source.IsMain && target.StartsWith(ComponentPrefix, StringComparison.Ordinal) && !target[ComponentPrefix.Length..].Contains('/', StringComparison.Ordinal))
        {
            reference = target;
        }
        else
        {
            reference = Import(target, source, pointer, depth) ?? target;
        }

        var siblings = obj.Where(p => p.Key != "$ref").ToArray();
        var at = JsonPointer.Append(pointer, "$ref");
        if (siblings.Length == 0 || (siblings.All(p => Annotations.Contains(p.Key)) && !_openApi30))
        {
            return new JsonObject { ["$ref"] = reference };
        }

        if (_openApi30)
        {
            var ignored = siblings.Where(p => !Annotations.Contains(p.Key)).Select(p => p.Key).ToArray();
            if (ignored.Length > 0)
            {
                _warn(at, $"OpenAPI 3.0 ignores the keywords beside a $ref ({string.Join(", ", ignored)}); so does this mock");
            }

            return new JsonObject { ["$ref"] = reference };
        }

        // 3.1: keywords beside $ref apply too; NJsonSchema (draft 4) would ignore them unless both sit in an allOf.
        var rest = new JsonObject();
        foreach (var (key, value) in siblings)
        {
            rest[key] = value?.DeepClone();
        }

        var wrapped = (JsonObject)Walk(rest, source, pointer, schema: true, depth)!;
        var allOf = wrapped["allOf"] as JsonArray ?? [];
        wrapped.Remove("allOf");
        allOf.Insert(0, new JsonObject { ["$ref"] = reference });
        wrapped["allOf"] = allOf;
        return Constraints(wrapped);
    }

    /// <summary>A schema elsewhere (another file, or another place than components.schemas) registered as a component; its reference, or null after reporting.</summary>
    private string? Import(string target, Source source, string pointer, int depth)
    {
        var (file, fragment) = Split(target);
        var at = JsonPointer.Append(pointer, "$ref");
        if (Origin(file, target, source, at) is not { } origin)
        {
            return null;
        }

        var key = origin.Path + "#" + fragment;
        if (_imported.TryGetValue(key, out var known))
        {
            return ComponentPrefix + known;
        }

        if (origin.IsMain && fragment.StartsWith("/components/schemas/", StringComparison.Ordinal) && fragment.Count(c => c == '/') == 3)
        {
            return "#" + fragment;
        }

        if (Target(origin, target, fragment, at, depth) is not { } found)
        {
            return null;
        }

        var name = ComponentName(origin, fragment);
        _imported[key] = name;
        _components[name] = Walk(found, origin, origin.IsMain ? fragment : $"{Display(origin)}#{fragment}", schema: true, depth + 1);
        return ComponentPrefix + name;
    }

    /// <summary>Any other <c>$ref</c> (a response, parameter, path item...): inside the main document it stays; from another file it is brought in place.</summary>
    private JsonNode? Reference(JsonObject obj, string target, Source source, string pointer, int depth)
    {
        var (file, fragment) = Split(target);
        var at = JsonPointer.Append(pointer, "$ref");
        if (source.IsMain && file.Length == 0)
        {
            return Walk(Without(obj, "$ref"), source, pointer, schema: false, depth) is JsonObject rest && rest.Count > 0
                ? Merge(new JsonObject { ["$ref"] = target }, rest)
                : new JsonObject { ["$ref"] = target };
        }

        if (Origin(file, target, source, at) is not { } origin)
        {
            return null;
        }

        return Target(origin, target, fragment, at, depth) is { } found
            ? Walk(found, origin, $"{Display(origin)}#{fragment}", schema: false, depth + 1)
            : null;
    }

    /// <summary>The document a reference reads from (this one, or a file beside it), or null after reporting why not (remote, or unreadable).</summary>
    private Source? Origin(string file, string target, Source source, string at)
    {
        if (Remote(file))
        {
            _fail(at, $"'{target}' is a remote reference: only references inside the document and to files beside it are read");
            return null;
        }

        return file.Length == 0 ? source : Open(file, source, at);
    }

    /// <summary>What a reference's fragment points at in its document, or null after reporting why not (too deep, or nothing there).</summary>
    private JsonNode? Target(Source origin, string target, string fragment, string at, int depth)
    {
        if (depth > DeepestInlining)
        {
            _fail(at, $"'{target}': references nest more than {DeepestInlining} deep");
            return null;
        }

        var found = Find(origin.Root, fragment);
        if (found is null)
        {
            _fail(at, $"'{target}' does not resolve");
        }

        return found;
    }

    private static JsonObject Without(JsonObject obj, string key)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in obj.Where(p => p.Key != key))
        {
            copy[name] = value?.DeepClone();
        }

        return copy;
    }

    private static JsonObject Merge(JsonObject target, JsonObject rest)
    {
        foreach (var (key, value) in rest.ToArray())
        {
            rest.Remove(key);
            target[key] = value;
        }

        return target;
    }

    private Source? Open(string file, Source from, string at)
    {
        var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(from.Path)!, Uri.UnescapeDataString(file)));
        _files.Add(path);
        var root = _load(path);
        if (root is null)
        {
            _fail(at, $"'{file}' cannot be read (resolved to {path})");
            return null;
        }

        return new Source(path, root, IsMain: false);
    }

    private static (string File, string Fragment) Split(string reference)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? (reference, "") : (reference[..hash], Uri.UnescapeDataString(reference[(hash + 1)..]));
    }

    private static bool Remote(string file) => file.Contains("://", StringComparison.Ordinal);

    private static JsonNode? Find(JsonNode root, string fragment)
    {
        JsonNode? node = root;
        foreach (var segment in JsonPointer.Split(fragment))
        {
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }

    /// <summary>A component name for a schema brought in: its file and place, readable and unique.</summary>
    private string ComponentName(Source origin, string fragment)
    {
        var segments = JsonPointer.Split(fragment).ToArray();
        var last = segments.Length == 0 ? "" : segments[^1];
        var stem = origin.IsMain ? "" : System.IO.Path.GetFileNameWithoutExtension(origin.Path);
        var baseName = string.Join(".", new[] { stem, last }.Where(p => p.Length > 0));
        var safe = new string((baseName.Length == 0 ? "schema" : baseName).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray());
        var name = safe;
        for (var i = 2; _components.ContainsKey(name) || _imported.ContainsValue(name) || _taken.Contains(name); i++)
        {
            name = $"{safe}_{i}";
        }

        return name;
    }

    private static string Display(Source source) => System.IO.Path.GetFileName(source.Path);
}
