using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;

namespace MockAccounts.Core.Validation;

/// <summary>
/// Checks JSON against a JSON Schema and says what is wrong in the contract's words (JSON pointer,
/// expectation, actual value): response bodies, request bodies and scenario catalogues alike.
/// </summary>
public static class SchemaValidator
{
    /// <summary>Where a body breaks the schema; unparseable JSON is one violation.</summary>
    /// <param name="schema">The schema to check against.</param>
    /// <param name="body">The body as UTF-8 JSON.</param>
    public static IReadOnlyList<Violation> Validate(JsonSchema schema, ReadOnlySpan<byte> body)
    {
        // NJsonSchema reads text with Newtonsoft; the body goes to it as text directly (no JsonNode round trip),
        // after a strict, allocation-free syntax check, and is parsed into nodes only to describe violations.
        if (SyntaxError(body) is { } problem)
        {
            return [new Violation("", "a JSON body", $"unparseable JSON ({problem})")];
        }

        var errors = schema.Validate(Encoding.UTF8.GetString(body));
        return errors.Count == 0 ? [] : Describe(errors, JsonNode.Parse(body));
    }

    /// <summary>Where a parsed body breaks the schema.</summary>
    /// <param name="schema">The schema to check against.</param>
    /// <param name="body">The body; null is JSON <c>null</c>.</param>
    public static IReadOnlyList<Violation> Validate(JsonSchema schema, JsonNode? body) =>
        Describe(schema.Validate(body?.ToJsonString() ?? "null"), body);

    private static Violation[] Describe(ICollection<ValidationError> errors, JsonNode? body) =>
        Flatten(errors).Select(e => Describe(e, body)).Distinct().ToArray();

    private static string? SyntaxError(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException e)
        {
            return e.Message;
        }
    }

    /// <summary>Item and property errors arrive wrapped; a reader wants the innermost cause.</summary>
    /// <remarks>
    /// For a value that matches none of several types (<c>["string", "null"]</c>), the one type branch that
    /// failed on something other than the type holds the real cause: a string too long is that, not "not null".
    /// </remarks>
    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(e => e switch
        {
            MultiTypeValidationError multi when multi.Errors.Values.Where(branch => !branch.Any(IsTypeMismatch)).ToArray() is [var only] => Flatten(only),
            ChildSchemaValidationError child when e.Kind != ValidationErrorKind.NoTypeValidates && child.Errors.Count > 0 =>
                Flatten(child.Errors.SelectMany(c => c.Value)),
            _ => [e],
        });

    private static bool IsTypeMismatch(ValidationError error) =>
        error.Kind.ToString().EndsWith("Expected", StringComparison.Ordinal) && error.Kind is not (ValidationErrorKind.DateTimeExpected
            or ValidationErrorKind.GuidExpected or ValidationErrorKind.UuidExpected or ValidationErrorKind.EmailExpected or ValidationErrorKind.UriExpected
            or ValidationErrorKind.DateExpected or ValidationErrorKind.TimeExpected or ValidationErrorKind.HostnameExpected or ValidationErrorKind.IpV4Expected
            or ValidationErrorKind.IpV6Expected or ValidationErrorKind.TimeSpanExpected or ValidationErrorKind.Base64Expected);

    private static Violation Describe(ValidationError error, JsonNode? body)
    {
        var pointer = ToPointer(error.Path);
        if (error.Kind == ValidationErrorKind.PropertyRequired)
        {
            return new Violation(pointer, "a required property", "missing");
        }

        var actual = Actual(body, pointer);
        var schema = error.Schema;
        var expected = error.Kind switch
        {
            ValidationErrorKind.NoAdditionalPropertiesAllowed => "no such property (it is not in the schema)",
            ValidationErrorKind.NotInEnumeration =>
                $"one of [{string.Join(", ", schema.Enumeration.Select(v => v is null ? "null" : v.ToString()))}]",
            ValidationErrorKind.PatternMismatch => $"text matching {schema.Pattern}",
            ValidationErrorKind.NumberTooSmall => schema.Minimum is { } min ? $"a number {(schema.IsExclusiveMinimum ? ">" : ">=")} {min}" : $"a number > {schema.ExclusiveMinimum}",
            ValidationErrorKind.NumberTooBig => schema.Maximum is { } max ? $"a number {(schema.IsExclusiveMaximum ? "<" : "<=")} {max}" : $"a number < {schema.ExclusiveMaximum}",
            ValidationErrorKind.StringTooShort => $"at least {schema.MinLength} characters",
            ValidationErrorKind.StringTooLong => $"at most {schema.MaxLength} characters",
            ValidationErrorKind.DateTimeExpected => "format date-time",
            ValidationErrorKind.GuidExpected or ValidationErrorKind.UuidExpected => "format uuid",
            ValidationErrorKind.EmailExpected => "format email",
            ValidationErrorKind.UriExpected => "format uri",
            _ when error.Kind.ToString().EndsWith("Expected", StringComparison.Ordinal)
                || error.Kind == ValidationErrorKind.NoTypeValidates => $"type {TypeText(schema)}",
            _ => error.Kind.ToString(),
        };
        return new Violation(pointer, expected, actual);
    }

    private static string TypeText(JsonSchema schema)
    {
        var type = schema.ActualSchema.Type;
        var names = Enum.GetValues<JsonObjectType>()
            .Where(t => t != JsonObjectType.None && t != JsonObjectType.File && type.HasFlag(t))
            .Select(t => t.ToString().ToLowerInvariant());
        var text = string.Join("|", names);
        return text.Length == 0 ? "any" : text;
    }

    /// <summary>NJsonSchema paths look like <c>#/user.providers[0]</c>; errors speak JSON pointers.</summary>
    internal static string ToPointer(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "";
        }

        var text = path.TrimStart('#').TrimStart('/');
        var pointer = new StringBuilder();
        foreach (var part in text.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            pointer.Append('/').Append(bracket < 0 ? part : part[..bracket]);
            if (bracket >= 0)
            {
                foreach (var index in part[bracket..].Split(['[', ']'], StringSplitOptions.RemoveEmptyEntries))
                {
                    pointer.Append('/').Append(index);
                }
            }
        }

        return pointer.ToString();
    }

    private static string Actual(JsonNode? body, string pointer)
    {
        var node = body;
        foreach (var segment in Json.JsonPointer.Split(pointer))
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(segment, out var child) => child,
                JsonArray array when int.TryParse(segment, out var i) && i < array.Count => array[i],
                _ => null,
            };
            if (node is null)
            {
                return "null or missing";
            }
        }

        var text = node?.ToJsonString() ?? "null";
        return text.Length > 120 ? text[..117] + "..." : text;
    }
}
