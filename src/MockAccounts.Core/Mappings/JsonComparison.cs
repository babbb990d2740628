using System.Text.Json;
using System.Text.Json.Nodes;

namespace MockAccounts.Core.Mappings;

/// <summary>
/// WireMock's <c>equalToJson</c>: semantic equality (numbers by value, object keys in any order),
/// optionally ignoring array order and extra object fields and trailing array items.
/// </summary>
internal sealed class JsonComparison(bool ignoreArrayOrder, bool ignoreExtraElements)
{
    public static bool TryParse(string? text, out JsonNode? json)
    {
        json = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            // A name given twice is not a document one answer can be compared with (and a JsonObject would throw on it later).
            json = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public bool Equal(JsonNode? expected, JsonNode? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (JsonObject e, JsonObject a) => ObjectsEqual(e, a),
        (JsonArray e, JsonArray a) => ignoreArrayOrder ? UnorderedEqual(e, a) : OrderedEqual(e, a),
        (JsonValue e, JsonValue a) => ValuesEqual(e, a),
        _ => false,
    };

    private bool ObjectsEqual(JsonObject expected, JsonObject actual) =>
        (ignoreExtraElements || expected.Count == actual.Count)
        && expected.All(p => actual.TryGetPropertyValue(p.Key, out var value) && Equal(p.Value, value));

    private bool OrderedEqual(JsonArray expected, JsonArray actual) =>
        (ignoreExtraElements ? actual.Count >= expected.Count : actual.Count == expected.Count)
        && expected.Select((item, i) => Equal(item, actual[i])).All(same => same);

    private bool UnorderedEqual(JsonArray expected, JsonArray actual)
    {
        if (ignoreExtraElements ? actual.Count < expected.Count : actual.Count != expected.Count)
        {
            return false;
        }

        var used = new bool[actual.Count];
        foreach (var item in expected)
        {
            var found = Enumerable.Range(0, actual.Count).FirstOrDefault(i => !used[i] && Equal(item, actual[i]), -1);
            if (found < 0)
            {
                return false;
            }

            used[found] = true;
        }

        return true;
    }

    private static bool ValuesEqual(JsonValue expected, JsonValue actual)
    {
        var kind = expected.GetValueKind();
        if (kind != actual.GetValueKind())
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.Number => expected.TryGetValue<decimal>(out var e) && actual.TryGetValue<decimal>(out var a)
                ? e == a
                : expected.GetValue<double>().Equals(actual.GetValue<double>()),
            JsonValueKind.String => expected.GetValue<string>() == actual.GetValue<string>(),
            _ => true,
        };
    }
}
