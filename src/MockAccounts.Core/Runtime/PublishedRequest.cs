using System.Text.Json;
using System.Text.Json.Nodes;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Http;
using MockAccounts.Core.Validation;

namespace MockAccounts.Core.Runtime;

/// <summary>
/// Checks a request to a published spec's operation as the spec documents it, as Prism does: required
/// parameters present, scalar parameters of their schema, the JSON body (when documented) valid. The first
/// problems found are the refusal; a request that keeps the contract gets null.
/// </summary>
internal static class PublishedRequest
{
    /// <summary>Why the request breaks its operation's contract: a body that is not JSON (malformed) or anything else (invalid).</summary>
    /// <param name="Malformed">The body is not JSON (a 400), else the request is invalid (a 422).</param>
    /// <param name="Violations">By field, as a vendor's 422 lists them.</param>
    /// <param name="Message">One line for a problem.</param>
    public sealed record Invalid(bool Malformed, JsonObject Violations, string Message);

    public static Invalid? Refusal(OperationContract operation, MockRequest request)
    {
        // Made only for a refusal: a request that keeps the contract allocates nothing here.
        JsonObject? violations = null;
        foreach (var parameter in operation.Parameters)
        {
            var value = parameter.In switch
            {
                "query" => CredentialChecker.QueryValue(request.Query, parameter.Name),
                "header" => request.Header(parameter.Name),
                "path" => PathValue(operation.Path, request.Path, parameter.Name),
                _ => null,
            };
            if (value is null)
            {
                if (parameter.Required && parameter.In != "cookie")
                {
                    (violations ??= [])[$"{parameter.In}.{parameter.Name}"] = new JsonArray("is required");
                }
            }
            else if (parameter.Check is { } check && !check(value))
            {
                (violations ??= [])[$"{parameter.In}.{parameter.Name}"] = new JsonArray("does not keep its schema");
            }
        }

        if (operation.RequestBody is { } body && (body.Required || request.Body.Length > 0) && body.BodyCheck?.Accepts(request.Body.Span) != true)
        {
            // A body the quick check accepts is JSON that keeps the schema; any other is parsed, and NJsonSchema says why not.
            JsonNode? parsed;
            try
            {
                parsed = request.Body.Length == 0 ? throw new JsonException("no body") : JsonNode.Parse(request.Body.Span);
            }
            catch (JsonException)
            {
                return new Invalid(true, FieldViolations.NotJson(), $"{operation.Display} takes a JSON body");
            }

            foreach (var (field, messages) in FieldViolations.ByField(SchemaValidator.Validate(body.Validator, parsed)))
            {
                (violations ??= [])[field] = messages?.DeepClone();
            }
        }

        return violations is null ? null
            : new Invalid(false, violations, $"{operation.Display}: {string.Join("; ", violations.Select(v => $"{v.Key} {string.Join(", ", v.Value!.AsArray())}"))}");
    }

    /// <summary>
    /// The value of a path parameter: the template's segments are the request path's last ones (it may be prefixed
    /// with the vendor). Read over the two strings' segments in place, since every request to a path with a parameter asks.
    /// </summary>
    private static string? PathValue(string template, string path, string name)
    {
        var offset = Segments(path) - Segments(template);
        if (offset < 0)
        {
            return null;
        }

        var index = 0;
        foreach (var range in template.AsSpan().Split('/'))
        {
            var part = template.AsSpan()[range];
            if (part.IsEmpty)
            {
                continue;
            }

            if (part.Length == name.Length + 2 && part[0] == '{' && part[^1] == '}' && part[1..^1].SequenceEqual(name))
            {
                return Uri.UnescapeDataString(Segment(path, offset + index));
            }

            index++;
        }

        return null;
    }

    private static int Segments(string path)
    {
        var count = 0;
        foreach (var range in path.AsSpan().Split('/'))
        {
            count += range.Start.Equals(range.End) ? 0 : 1;
        }

        return count;
    }

    /// <summary>The path's non-empty segment at <paramref name="wanted"/> (counted from 0).</summary>
    private static ReadOnlySpan<char> Segment(string path, int wanted)
    {
        var index = 0;
        foreach (var range in path.AsSpan().Split('/'))
        {
            if (range.Start.Equals(range.End))
            {
                continue;
            }

            if (index++ == wanted)
            {
                return path.AsSpan()[range];
            }
        }

        return [];
    }
}
