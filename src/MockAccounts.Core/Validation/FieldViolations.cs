using System.Text.Json.Nodes;

namespace MockAccounts.Core.Validation;

/// <summary>
/// A refused request body's violations as a vendor's 422 lists them: by field, each with what the field
/// must be, e.g. <c>{"name": ["must be at most 100 characters"]}</c>. The body itself is the field <c>body</c>.
/// </summary>
internal static class FieldViolations
{
    /// <summary>The field name of the body as a whole (a body that is not JSON, or of the wrong type).</summary>
    public const string Body = "body";

    /// <summary>The one violation of a body that is not JSON.</summary>
    public static JsonObject NotJson() => new() { [Body] = new JsonArray("must be valid JSON") };

    /// <summary>Schema violations grouped by field (a dotted path; <c>body</c> for the root), in the order found.</summary>
    /// <param name="violations">Where the body breaks the request body schema.</param>
    public static JsonObject ByField(IReadOnlyList<Violation> violations)
    {
        var fields = new JsonObject();
        foreach (var violation in violations)
        {
            var field = Field(violation.Pointer);
            if (fields[field] is not JsonArray messages)
            {
                messages = [];
                fields[field] = messages;
            }

            var message = Message(violation.Expected);
            if (!messages.Any(m => m!.GetValue<string>() == message))
            {
                messages.Add(message);
            }
        }

        return fields;
    }

    private static string Field(string pointer)
    {
        var segments = Json.JsonPointer.Split(pointer).ToArray();
        return segments.Length == 0 ? Body : string.Join('.', segments);
    }

    /// <summary>The validator's expectation as a vendor would say it of the field.</summary>
    private static string Message(string expected) => expected switch
    {
        "a required property" => "is required",
        _ when expected.StartsWith("no such property", StringComparison.Ordinal) => "is not allowed",
        _ when expected.StartsWith("type ", StringComparison.Ordinal) => "must be of type " + expected[5..].Replace("|", " or ", StringComparison.Ordinal),
        _ => "must be " + expected,
    };
}
