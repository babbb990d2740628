using MockAccounts.Core.Contracts;
using MockAccounts.Core.Http;

namespace MockAccounts.Core.Validation;

/// <summary>Checks a response (status, headers, body) against its operation's contract.</summary>
public static class ResponseValidator
{
    /// <summary>Where <paramref name="response"/> breaks the operation's contract; empty when it keeps it.</summary>
    /// <param name="operation">The operation that answered.</param>
    /// <param name="response">The response to check.</param>
    public static IReadOnlyList<Violation> Validate(OperationContract operation, MockResponse response) =>
        Validate(operation, response.Status, response.Headers, response.Body);

    /// <summary>Where a response breaks the operation's contract: undocumented status, missing required headers, body against schema.</summary>
    /// <param name="operation">The operation that answered.</param>
    /// <param name="status">The response status.</param>
    /// <param name="headers">The response headers.</param>
    /// <param name="body">The response body bytes.</param>
    /// <param name="independently">
    /// Check the body with NJsonSchema alone, never the serving path's quick check: how bodies are proven at load
    /// and in tests. Otherwise a body the quick check accepts is not read again, and one it refuses is described by NJsonSchema.
    /// </param>
    public static IReadOnlyList<Violation> Validate(
        OperationContract operation, int status, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body, bool independently = false)
    {
        if (operation.ResponseFor(status) is not { } response)
        {
            var documented = string.Join(", ", operation.Responses.Keys.Order());
            return [new Violation("", $"a documented status of {operation.Display} ({documented})", status.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        }

        var violations = new List<Violation>();
        var names = headers.Select(h => h.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        violations.AddRange(response.RequiredHeaders
            .Where(h => !names.Contains(h))
            .Select(h => new Violation($"headers/{h}", $"header {h} (required for {status})", "missing")));

        if (response.Body is null)
        {
            if (body.Length > 0)
            {
                violations.Add(new Violation("", "no body", $"{body.Length} bytes"));
            }

            return violations;
        }

        if (!independently && IsProvenExample(response, body))
        {
            // A published spec's example, served as it is: the proof checked these very bytes against the schema.
            return violations;
        }

        if (independently || response.BodyCheck is not { } check || !check.Accepts(body))
        {
            violations.AddRange(SchemaValidator.Validate(response.BodyValidator!, body));
        }

        return violations;
    }

    private static bool IsProvenExample(ResponseContract response, ReadOnlySpan<byte> body)
    {
        foreach (var example in response.Examples)
        {
            if (body.Length == example.Body.Length && body.Overlaps(example.Body, out var offset) && offset == 0)
            {
                return true;
            }
        }

        return false;
    }
}
