using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MockAccounts.Core.Json;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification.Diff;

/// <summary>
/// Compares two versions of a vendor's contract for a consumer of the vendor. In a response, anything the
/// consumer may now receive that it could not before is breaking (a field removed, made optional or nullable,
/// a type changed, a new enum value or status, constraints loosened); in a request, anything it may no longer
/// send is. Auth changes and removed operations or statuses are breaking. Descriptions and examples are not compared.
/// </summary>
public sealed partial class ContractDiff
{
    private static readonly string[] Bounds = ["minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"];

    private readonly ContractDocument _from;
    private readonly ContractDocument _to;
    private readonly List<ContractChange> _changes = [];
    private readonly HashSet<(string, string, string)> _compared = [];
    private string _operation = "";
    private string _where = "";

    private ContractDiff(ContractDocument from, ContractDocument to)
    {
        _from = from;
        _to = to;
    }

    private enum Direction
    {
        Response,
        Request,
    }

    /// <summary>Every change from <paramref name="from"/> to <paramref name="to"/>, in contract order.</summary>
    /// <param name="from">The old contract.</param>
    /// <param name="to">The new contract.</param>
    public static IReadOnlyList<ContractChange> Compare(ContractDocument from, ContractDocument to)
    {
        var diff = new ContractDiff(from, to);
        diff.Operations();
        return diff._changes;
    }

    private void Operations()
    {
        var before = _from.Operations().ToDictionary(o => (o.Method, Normalized(o.Template)));
        var after = _to.Operations().ToDictionary(o => (o.Method, Normalized(o.Template)));
        foreach (var (key, old) in before)
        {
            _operation = old.Display;
            _where = "";
            if (!after.TryGetValue(key, out var now))
            {
                Add("", ChangeKind.OperationRemoved, true, "operation removed", old.Pointer, null);
                continue;
            }

            _operation = now.Display;
            Security(old, now);
            Parameters(old, now);
            RequestBody(old, now);
            Responses(old, now);
        }

        foreach (var (key, now) in after.Where(a => !before.ContainsKey(a.Key)))
        {
            _operation = now.Display;
            _where = "";
            Add("", ChangeKind.OperationAdded, false, "operation added", null, now.Pointer);
        }
    }

    private void Security(DocumentOperation old, DocumentOperation now)
    {
        _where = "security";
        var before = Schemes(_from, old);
        var after = Schemes(_to, now);
        var carriersBefore = before.Select(a => string.Join(" + ", a.Select(s => s.Carrier))).ToHashSet(StringComparer.Ordinal);
        var carriersAfter = after.Select(a => string.Join(" + ", a.Select(s => s.Carrier))).ToHashSet(StringComparer.Ordinal);
        var securityFrom = JsonPointer.Append(old.Pointer, "security");
        var securityTo = JsonPointer.Append(now.Pointer, "security");
        if (!carriersBefore.SetEquals(carriersAfter))
        {
            Add("", ChangeKind.AuthChanged, true, $"credentials: {Alternatives(carriersBefore)} → {Alternatives(carriersAfter)}", securityFrom, securityTo);
            return;
        }

        foreach (var scheme in before.SelectMany(a => a))
        {
            var match = after.SelectMany(a => a).FirstOrDefault(s => s.Carrier == scheme.Carrier);
            if (match is null)
            {
                continue;
            }

            if (scheme.CaseSensitive != match.CaseSensitive)
            {
                Add(scheme.Carrier, ChangeKind.AuthChanged, match.CaseSensitive,
                    match.CaseSensitive ? "\"Bearer \" must now be spelled exactly so (\"bearer x\" is refused)" : "the \"Bearer \" prefix is no longer case-sensitive",
                    scheme.Pointer, match.Pointer);
            }

            if (scheme.Pattern != match.Pattern)
            {
                Add(scheme.Carrier, ChangeKind.AuthChanged, match.Pattern is not null,
                    match.Pattern is null ? "credential shape no longer checked" : $"credential shape {(scheme.Pattern is null ? "now" : "changed to")} {match.Pattern}",
                    scheme.Pointer, match.Pointer);
            }
        }
    }

    private static string Alternatives(IEnumerable<string> alternatives) =>
        alternatives.Any() ? string.Join(" or ", alternatives.Order(StringComparer.Ordinal)) : "none";

    private sealed record Scheme(string Carrier, bool CaseSensitive, string? Pattern, string Pointer);

    private static List<List<Scheme>> Schemes(ContractDocument document, DocumentOperation operation)
    {
        var requirements = operation.Node["security"] as JsonArray ?? document.Root["security"] as JsonArray ?? [];
        return requirements.OfType<JsonObject>().Select(requirement => requirement.Select(p =>
        {
            var at = JsonPointer.Append("/components/securitySchemes", p.Key);
            var (scheme, pointer) = document.Resolve(document.At(at), at);
            var type = scheme?["type"]?.ToString();
            var carrier = type == "http" ? $"http {scheme?["scheme"]?.ToString().ToLowerInvariant()} (Authorization)"
                : type == "apiKey" ? $"apiKey in {scheme?["in"]} {scheme?["name"]}"
                : type ?? "unknown";
            var shape = scheme?["x-mock-credential"];
            var caseSensitive = shape?["caseSensitiveScheme"] is JsonValue c && c.TryGetValue<bool>(out var yes) && yes;
            return new Scheme(carrier, caseSensitive, shape?["pattern"]?.ToString(), pointer);
        }).OrderBy(s => s.Carrier, StringComparer.Ordinal).ToList()).ToList();
    }

    private void Parameters(DocumentOperation old, DocumentOperation now)
    {
        _where = "parameters";
        var before = Parameters(_from, old);
        var after = Parameters(_to, now);
        foreach (var (key, (parameter, pointer)) in before)
        {
            if (!after.TryGetValue(key, out var match))
            {
                Add(key, ChangeKind.ParameterRemoved, false, $"{Place(parameter)} parameter removed", pointer, null);
                continue;
            }

            var (wasRequired, isRequired) = (Required(parameter), Required(match.Parameter));
            if (wasRequired != isRequired)
            {
                Add(key, ChangeKind.ParameterChanged, isRequired, isRequired ? "now required" : "no longer required", pointer, match.Pointer);
            }
        }

        foreach (var (key, (parameter, pointer)) in after.Where(a => !before.ContainsKey(a.Key)))
        {
            Add(key, ChangeKind.ParameterAdded, Required(parameter), $"{(Required(parameter) ? "required" : "optional")} {Place(parameter)} parameter added", null, pointer);
        }

        static string Place(JsonObject parameter) => parameter["in"]?.ToString() ?? "";
        static bool Required(JsonObject parameter) =>
            parameter["in"]?.ToString() == "path" || (parameter["required"] is JsonValue r && r.TryGetValue<bool>(out var b) && b);
    }

    private static Dictionary<string, (JsonObject Parameter, string Pointer)> Parameters(ContractDocument document, DocumentOperation operation)
    {
        var itemPointer = operation.Pointer[..operation.Pointer.LastIndexOf('/')];
        var found = new Dictionary<string, (JsonObject, string)>(StringComparer.Ordinal);
        foreach (var (list, at) in new[] { (operation.PathItem["parameters"], JsonPointer.Append(itemPointer, "parameters")), (operation.Node["parameters"], JsonPointer.Append(operation.Pointer, "parameters")) })
        {
            var i = 0;
            foreach (var item in list as JsonArray ?? [])
            {
                var (parameter, pointer) = document.Resolve(item, JsonPointer.Append(at, i++));
                if (parameter is not null)
                {
                    // A path parameter's name is the template's business: compare path parameters by position.
                    var key = parameter["in"]?.ToString() == "path" ? $"path #{PathIndex(operation.Template, parameter["name"]?.ToString())}" : $"{parameter["in"]} {parameter["name"]}";
                    found[key] = (parameter, pointer);
                }
            }
        }

        return found;
    }

    private static int PathIndex(string template, string? name) =>
        PathParameter().Matches(template).Select(m => m.Groups[1].Value).ToList().IndexOf(name ?? "") + 1;

    private void RequestBody(DocumentOperation old, DocumentOperation now)
    {
        _where = "request body";
        var (before, fromAt) = _from.Resolve(old.Node["requestBody"], JsonPointer.Append(old.Pointer, "requestBody"));
        var (after, toAt) = _to.Resolve(now.Node["requestBody"], JsonPointer.Append(now.Pointer, "requestBody"));
        if (before is null && after is null)
        {
            return;
        }

        if (before is null || after is null)
        {
            Add("", after is null ? ChangeKind.MediaTypeRemoved : ChangeKind.MediaTypeAdded, after is not null && Required(after),
                after is null ? "request body removed" : $"{(Required(after) ? "required" : "optional")} request body added", before is null ? null : fromAt, after is null ? null : toAt);
            return;
        }

        if (!Required(before) && Required(after))
        {
            Add("", ChangeKind.MadeRequired, true, "request body now required", fromAt, toAt);
        }

        Content(before, fromAt, after, toAt, Direction.Request);

        static bool Required(JsonObject body) => body["required"] is JsonValue r && r.TryGetValue<bool>(out var b) && b;
    }

    private void Responses(DocumentOperation old, DocumentOperation now)
    {
        var before = old.Statuses().ToList();
        var after = now.Statuses().ToList();
        foreach (var status in before)
        {
            var code = status.ToString(CultureInfo.InvariantCulture);
            _where = code;
            if (!after.Contains(status))
            {
                Add("", ChangeKind.StatusRemoved, true, $"status {code} no longer documented", old.ResponsePointer(status), null);
                continue;
            }

            var (from, fromAt) = _from.Resolve(_from.At(old.ResponsePointer(status)), old.ResponsePointer(status));
            var (to, toAt) = _to.Resolve(_to.At(now.ResponsePointer(status)), now.ResponsePointer(status));
            if (from is null || to is null)
            {
                continue;
            }

            _where = $"{code} headers";
            Headers(from, fromAt, to, toAt);
            _where = $"{code} body";
            Content(from, fromAt, to, toAt, Direction.Response);
        }

        foreach (var status in after.Where(s => !before.Contains(s)))
        {
            var code = status.ToString(CultureInfo.InvariantCulture);
            _where = code;
            Add("", ChangeKind.StatusAdded, true, $"status {code} may now be answered", null, now.ResponsePointer(status));
        }
    }

    private void Headers(JsonObject from, string fromAt, JsonObject to, string toAt)
    {
        var before = Declared(_from, from, fromAt);
        var after = Declared(_to, to, toAt);
        foreach (var (name, (required, pointer)) in before)
        {
            if (!after.TryGetValue(name, out var match))
            {
                Add(name, ChangeKind.HeaderRemoved, required, required ? "required header removed" : "optional header removed", pointer, null);
            }
            else if (required != match.Required)
            {
                Add(name, required ? ChangeKind.HeaderMadeOptional : ChangeKind.HeaderMadeRequired, required,
                    required ? "header no longer required" : "header now required", pointer, match.Pointer);
            }
        }

        foreach (var (name, (required, pointer)) in after.Where(a => !before.ContainsKey(a.Key)))
        {
            Add(name, ChangeKind.HeaderAdded, false, $"{(required ? "required" : "optional")} header added", null, pointer);
        }
    }

    private static Dictionary<string, (bool Required, string Pointer)> Declared(ContractDocument document, JsonObject response, string at)
    {
        var found = new Dictionary<string, (bool, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, node) in response["headers"] as JsonObject ?? [])
        {
            var (header, pointer) = document.Resolve(node, JsonPointer.Append(JsonPointer.Append(at, "headers"), name));
            found[name] = (header?["required"] is JsonValue r && r.TryGetValue<bool>(out var b) && b, pointer);
        }

        return found;
    }

    /// <summary>Media types, then the schema of each media type both sides document.</summary>
    private void Content(JsonObject from, string fromAt, JsonObject to, string toAt, Direction direction)
    {
        var before = from["content"] as JsonObject ?? [];
        var after = to["content"] as JsonObject ?? [];
        foreach (var (media, _) in before.Where(m => !after.ContainsKey(m.Key)))
        {
            Add(media, ChangeKind.MediaTypeRemoved, true, $"media type {media} removed", JsonPointer.Append(JsonPointer.Append(fromAt, "content"), media), null);
        }

        foreach (var (media, _) in after.Where(m => !before.ContainsKey(m.Key)))
        {
            Add(media, ChangeKind.MediaTypeAdded, direction == Direction.Response, $"media type {media} added", null, JsonPointer.Append(JsonPointer.Append(toAt, "content"), media));
        }

        var where = _where;
        foreach (var (media, entry) in before.Where(m => after.ContainsKey(m.Key)))
        {
            var schemaFrom = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(fromAt, "content"), media), "schema");
            var schemaTo = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(toAt, "content"), media), "schema");
            _where = before.Count > 1 ? $"{where} ({media})" : where;
            Schema(entry?["schema"], schemaFrom, after[media]?["schema"], schemaTo, "", direction, 0);
        }

        _where = where;
    }

    private void Schema(JsonNode? fromNode, string fromNodeAt, JsonNode? toNode, string toNodeAt, string at, Direction direction, int depth)
    {
        var (from, fromAt) = _from.Resolve(fromNode, fromNodeAt);
        var (to, toAt) = _to.Resolve(toNode, toNodeAt);
        if (from is null || to is null || depth > 64 || !_compared.Add((fromAt, toAt, at)))
        {
            return;
        }

        var response = direction == Direction.Response;
        if (Envelope(from, fromAt, to, toAt, at, direction, depth))
        {
            return;
        }

        Types(from, fromAt, to, toAt, at, response);
        Enum(from, fromAt, to, toAt, at, response);
        Constraint("format", from, fromAt, to, toAt, at, response, ChangeKind.FormatChanged);
        Constraint("pattern", from, fromAt, to, toAt, at, response, ChangeKind.PatternChanged);
        foreach (var bound in Bounds)
        {
            BoundChange(bound, from, fromAt, to, toAt, at, response);
        }

        Properties(from, fromAt, to, toAt, at, direction, depth);
        if (from["items"] is not null || to["items"] is not null)
        {
            Schema(from["items"], JsonPointer.Append(fromAt, "items"), to["items"], JsonPointer.Append(toAt, "items"), at + "/*", direction, depth + 1);
        }
    }

    /// <summary>
    /// A body that lost (or gained) a single wrapping property: reported once, then the inside compared with
    /// the other side, instead of every field reported removed and added.
    /// </summary>
    private bool Envelope(JsonObject from, string fromAt, JsonObject to, string toAt, string at, Direction direction, int depth)
    {
        if (Wrapped(from, fromAt, _from, to) is { } removed)
        {
            Add(at, ChangeKind.EnvelopeRemoved, true, $"envelope \"{removed.Name}\" removed: the body is what was at {at}/{removed.Name}", JsonPointer.Append(JsonPointer.Append(fromAt, "properties"), removed.Name), toAt);
            Schema(removed.Schema, removed.Pointer, to, toAt, at, direction, depth + 1);
            return true;
        }

        if (Wrapped(to, toAt, _to, from) is { } added)
        {
            Add(JsonPointer.Append(at, added.Name), ChangeKind.EnvelopeAdded, true, $"envelope \"{added.Name}\" added: what the body was is now at {at}/{added.Name}", fromAt, JsonPointer.Append(JsonPointer.Append(toAt, "properties"), added.Name));
            Schema(from, fromAt, added.Schema, added.Pointer, JsonPointer.Append(at, added.Name), direction, depth + 1);
            return true;
        }

        return false;
    }

    /// <summary>
    /// When <paramref name="outer"/> is one object property wrapping an object, <paramref name="other"/> lacks that
    /// property, and at least half of <paramref name="other"/>'s properties are inside the wrapper: the wrapper.
    /// </summary>
    private static (string Name, JsonObject Schema, string Pointer)? Wrapped(JsonObject outer, string outerAt, ContractDocument outerDocument, JsonObject other)
    {
        if (outer["properties"] is not JsonObject { Count: 1 } properties || other["properties"] is not JsonObject otherProperties || otherProperties.Count < 2)
        {
            return null;
        }

        var (name, node) = properties.First();
        if (otherProperties.ContainsKey(name))
        {
            return null;
        }

        var (inner, innerAt) = outerDocument.Resolve(node, JsonPointer.Append(JsonPointer.Append(outerAt, "properties"), name));
        if (inner?["properties"] is not JsonObject innerProperties)
        {
            return null;
        }

        var shared = otherProperties.Count(p => innerProperties.ContainsKey(p.Key));
        return shared * 2 >= otherProperties.Count ? (name, inner, innerAt) : null;
    }

    private void Types(JsonObject from, string fromAt, JsonObject to, string toAt, string at, bool response)
    {
        var before = JsonValues.Types(from["type"]);
        var after = JsonValues.Types(to["type"]);
        var typeFrom = JsonPointer.Append(fromAt, "type");
        var typeTo = JsonPointer.Append(toAt, "type");
        var wasNullable = before.Count == 0 || before.Contains("null");
        var isNullable = after.Count == 0 || after.Contains("null");
        if (!wasNullable && isNullable)
        {
            Add(at, ChangeKind.MadeNullable, response, "may now be null", typeFrom, typeTo);
        }
        else if (wasNullable && !isNullable)
        {
            Add(at, ChangeKind.MadeNonNullable, !response, "may no longer be null", typeFrom, typeTo);
        }

        var oldTypes = Values(before);
        var newTypes = Values(after);
        if (oldTypes.SetEquals(newTypes))
        {
            return;
        }

        // A response that may now hold values it could not before breaks its consumers; a request, the other way round.
        var widened = !Covers(oldTypes, newTypes);
        Add(at, ChangeKind.TypeChanged, response ? widened : !Covers(newTypes, oldTypes),
            $"type {Names(oldTypes)} → {Names(newTypes)}", typeFrom, typeTo);

        static HashSet<string> Values(IReadOnlyList<string> types) =>
            types.Count == 0 ? ["any"] : types.Where(t => t != "null").ToHashSet(StringComparer.Ordinal);
        static string Names(HashSet<string> types) => string.Join("|", types.Order(StringComparer.Ordinal));
    }

    /// <summary>Whether every value of the types <paramref name="inner"/> is one of <paramref name="outer"/>.</summary>
    private static bool Covers(HashSet<string> outer, HashSet<string> inner) =>
        outer.Contains("any") || inner.All(t => outer.Contains(t) || (t == "integer" && outer.Contains("number")));

    private void Enum(JsonObject from, string fromAt, JsonObject to, string toAt, string at, bool response)
    {
        var before = from["enum"] as JsonArray;
        var after = to["enum"] as JsonArray;
        var enumFrom = JsonPointer.Append(fromAt, "enum");
        var enumTo = JsonPointer.Append(toAt, "enum");
        if (before is null && after is null)
        {
            return;
        }

        if (before is null || after is null)
        {
            Add(at, after is null ? ChangeKind.EnumValueAdded : ChangeKind.EnumValueRemoved, after is null ? response : !response,
                after is null ? "enum dropped: any value of its type" : $"values now limited to {string.Join(", ", after.Select(Text))}", before is null ? null : enumFrom, after is null ? null : enumTo);
            return;
        }

        foreach (var value in after.Where(v => !before.Any(b => JsonNode.DeepEquals(b, v)) && v is not null))
        {
            Add(at, ChangeKind.EnumValueAdded, response, $"enum value {Text(value)} added", enumFrom, enumTo);
        }

        foreach (var value in before.Where(v => !after.Any(a => JsonNode.DeepEquals(a, v)) && v is not null))
        {
            Add(at, ChangeKind.EnumValueRemoved, !response, $"enum value {Text(value)} removed", enumFrom, enumTo);
        }
    }

    private void Constraint(string keyword, JsonObject from, string fromAt, JsonObject to, string toAt, string at, bool response, ChangeKind kind)
    {
        var before = from[keyword]?.ToString();
        var after = to[keyword]?.ToString();
        if (before == after)
        {
            return;
        }

        // Dropping or changing a constraint lets new values through: breaking in a response. Adding one: in a request.
        var breaking = after is null ? response : before is null ? !response : true;
        var change = after is null ? $"{keyword} \"{before}\" dropped" : before is null ? $"{keyword} \"{after}\" added" : $"{keyword} \"{before}\" → \"{after}\"";
        Add(at, kind, breaking, change, before is null ? null : JsonPointer.Append(fromAt, keyword), after is null ? null : JsonPointer.Append(toAt, keyword));
    }

    private void BoundChange(string keyword, JsonObject from, string fromAt, JsonObject to, string toAt, string at, bool response)
    {
        var before = JsonValues.Number(from[keyword]);
        var after = JsonValues.Number(to[keyword]);
        if (before == after)
        {
            return;
        }

        var lower = keyword.StartsWith("min", StringComparison.Ordinal);
        // Loosened: the bound gone, or moved outwards.
        var loosened = after is null || (before is not null && (lower ? after < before : after > before));
        var change = after is null ? $"{keyword} {JsonValues.Text(before!.Value)} dropped"
            : before is null ? $"{keyword} {JsonValues.Text(after.Value)} added"
            : $"{keyword} {JsonValues.Text(before.Value)} → {JsonValues.Text(after.Value)}";
        Add(at, ChangeKind.BoundChanged, response ? loosened : !loosened, change,
            before is null ? null : JsonPointer.Append(fromAt, keyword), after is null ? null : JsonPointer.Append(toAt, keyword));
    }

    private void Properties(JsonObject from, string fromAt, JsonObject to, string toAt, string at, Direction direction, int depth)
    {
        var before = from["properties"] as JsonObject ?? [];
        var after = to["properties"] as JsonObject ?? [];
        var requiredBefore = Required(from);
        var requiredAfter = Required(to);
        var response = direction == Direction.Response;
        foreach (var (name, node) in before)
        {
            var property = JsonPointer.Append(at, name);
            var propertyFrom = JsonPointer.Append(JsonPointer.Append(fromAt, "properties"), name);
            if (!after.TryGetPropertyValue(name, out var match))
            {
                Add(property, ChangeKind.PropertyRemoved, true, "property removed", propertyFrom, null);
                continue;
            }

            var propertyTo = JsonPointer.Append(JsonPointer.Append(toAt, "properties"), name);
            if (requiredBefore.Contains(name) && !requiredAfter.Contains(name))
            {
                Add(property, ChangeKind.MadeOptional, response, "no longer required", JsonPointer.Append(fromAt, "required"), JsonPointer.Append(toAt, "required"));
            }
            else if (!requiredBefore.Contains(name) && requiredAfter.Contains(name))
            {
                Add(property, ChangeKind.MadeRequired, !response, "now required", JsonPointer.Append(fromAt, "required"), JsonPointer.Append(toAt, "required"));
            }

            Schema(node, propertyFrom, match, propertyTo, property, direction, depth + 1);
        }

        foreach (var (name, node) in after.Where(p => !before.ContainsKey(p.Key)))
        {
            var (schema, _) = _to.Resolve(node, JsonPointer.Append(JsonPointer.Append(toAt, "properties"), name));
            var required = requiredAfter.Contains(name);
            var types = JsonValues.Types(schema?["type"]);
            Add(JsonPointer.Append(at, name), ChangeKind.PropertyAdded, !response && required,
                $"property added ({(types.Count == 0 ? "any type" : string.Join("|", types))}, {(required ? "required" : "optional")})",
                null, JsonPointer.Append(JsonPointer.Append(toAt, "properties"), name));
        }
    }

    private static HashSet<string> Required(JsonObject schema) =>
        (schema["required"] as JsonArray ?? []).Select(r => r?.ToString() ?? "").ToHashSet(StringComparer.Ordinal);

    private static string Text(JsonNode? value) => value?.ToJsonString() ?? "null";

    private static string Normalized(string template) => PathParameter().Replace(template, "{}");

    private void Add(string pointer, ChangeKind kind, bool breaking, string description, string? fromPointer, string? toPointer) =>
        _changes.Add(new ContractChange(_operation, _where, pointer, kind, breaking, description, fromPointer, toPointer));

    [GeneratedRegex(@"\{([^}]*)\}")]
    private static partial Regex PathParameter();
}
