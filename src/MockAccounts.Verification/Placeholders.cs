using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MockAccounts.Core.Json;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Verification;

/// <summary>
/// Same-shape placeholders for recorded strings: each letter and digit replaced, everything else kept, so a
/// recording holds no names, emails or ids yet keeps every drift a check would find (a placeholder keeps its
/// value's length and, where the value had them, its format and pattern; enum values are kept as they are).
/// </summary>
internal static class Placeholders
{
    private static readonly (char Lower, char Upper, char Digit)[] Alphabets = [('a', 'A', '1'), ('x', 'X', '0'), ('f', 'F', '9')];

    /// <summary>Letters and digits replaced: <c>Jane.Doe@example.com</c> → <c>aaaa.aaa@aaaaaaa.aaa</c>.</summary>
    public static string Text(string value) => Map(value, Alphabets[0], digitsOnly: false);

    /// <summary>
    /// A copy of <paramref name="body"/> with its strings replaced, walking the schema at <paramref name="schemaPointer"/>
    /// (null: no schema is known) to keep formats, patterns and enum values.
    /// </summary>
    /// <param name="body">A response body.</param>
    /// <param name="document">The contract.</param>
    /// <param name="schemaPointer">The body's schema.</param>
    /// <param name="redact">Replaces the credential wherever it appears (applied to kept enum values too).</param>
    /// <param name="warnings">Where a placeholder could not keep its value's format or pattern.</param>
    public static JsonNode? Mask(JsonNode? body, ContractDocument document, string? schemaPointer, Func<string, string> redact, List<string> warnings) =>
        Walk(body, document, schemaPointer is null ? null : document.At(schemaPointer), schemaPointer ?? "", "", redact, warnings, 0);

    private static JsonNode? Walk(JsonNode? value, ContractDocument document, JsonNode? node, string nodePointer, string at, Func<string, string> redact, List<string> warnings, int depth)
    {
        var (schema, pointer) = depth > 64 ? (null, nodePointer) : document.Resolve(node, nodePointer);
        switch (value)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (name, child) in obj)
                {
                    var declared = schema?["properties"]?[name];
                    var childSchema = declared ?? (schema?["additionalProperties"] as JsonObject);
                    var childPointer = declared is not null ? JsonPointer.Append(JsonPointer.Append(pointer, "properties"), name) : JsonPointer.Append(pointer, "additionalProperties");
                    copy[name] = Walk(child, document, childSchema, childPointer, JsonPointer.Append(at, name), redact, warnings, depth + 1);
                }

                return copy;
            case JsonArray array:
                return new JsonArray(array.Select((item, i) => Walk(item, document, schema?["items"], JsonPointer.Append(pointer, "items"), JsonPointer.Append(at, i), redact, warnings, depth + 1)).ToArray());
            case JsonValue text when text.TryGetValue<string>(out var s):
                return schema?["enum"] is JsonArray ? JsonValue.Create(redact(s)) : JsonValue.Create(String(s, schema, at, warnings));
            default:
                return value?.DeepClone();
        }
    }

    private static string String(string value, JsonObject? schema, string at, List<string> warnings)
    {
        var format = schema?["format"] is JsonValue f && f.TryGetValue<string>(out var named) ? named : null;
        var pattern = schema?["pattern"] is JsonValue p && p.TryGetValue<string>(out var regex) ? regex : null;
        var dateLike = format is "date-time" or "date" or "time";
        // Last, letters the pattern itself spells are kept (the "s" of a duration "12.5s", a "cus_" prefix): nothing the contract does not say.
        var candidates = Alphabets.Select(a => Map(value, a, dateLike))
            .Append(Map(value, Alphabets[0], dateLike, pattern ?? ""))
            .Distinct()
            .ToArray();
        var keeps = Keeps(value, format, pattern);
        foreach (var candidate in candidates)
        {
            if (Keeps(candidate, format, pattern) == keeps)
            {
                return candidate;
            }
        }

        warnings.Add($"the placeholder at {(at.Length == 0 ? "(root)" : at)} does not keep the value's {(format is not null ? $"format \"{format}\"" : "")}{(format is not null && pattern is not null ? " or " : "")}{(pattern is not null ? "pattern" : "")}: verify --recorded may report drift the service did not have (--keep-values records values as they are)");
        return candidates[0];
    }

    /// <summary>Whether a string keeps the format and pattern (each as the checks read them).</summary>
    private static (bool Format, bool Pattern) Keeps(string value, string? format, string? pattern) =>
        (format is null || SchemaFormats.Accepts(format, value), pattern is null || Matches(pattern, value));

    private static bool Matches(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }

    private static string Map(string value, (char Lower, char Upper, char Digit) alphabet, bool digitsOnly, string kept = "")
    {
        var text = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.IsDigit(rune))
            {
                text.Append(alphabet.Digit);
            }
            else if (digitsOnly || !Rune.IsLetter(rune) || kept.Contains(rune.ToString(), StringComparison.Ordinal))
            {
                text.Append(rune.ToString());
            }
            else
            {
                text.Append(Rune.IsUpper(rune) ? alphabet.Upper : alphabet.Lower);
            }
        }

        return text.ToString();
    }
}
