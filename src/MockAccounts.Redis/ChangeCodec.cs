using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Mappings;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Redis;

/// <summary>
/// A <see cref="StateChange"/> as it travels (JSON) and as the state hash keeps it: one field per thing a change sets
/// (a vendor's scenario, a token's binding, a stub mapping…), holding the changes that made it with their versions, so a
/// replica that loads the hash and applies them in version order reaches the view every other replica holds.
/// </summary>
internal static class ChangeCodec
{
    /// <summary>Separates the changes kept in one field (the account edits of one token; a binding and its unbinding).</summary>
    public const char RecordSeparator = '\x1e';

    /// <summary>The change as JSON. An admin account edit travels as its patch (hints and all), an action's edits as their trees.</summary>
    public static string ToJson(StateChange change, int? order = null)
    {
        var json = new JsonObject { ["k"] = change.Kind.ToString() };
        Put(json, "vendor", change.Vendor);
        Put(json, "token", change.Token);
        Put(json, "name", change.Name);
        Put(json, "value", change.Value);
        if (change.Patch is { } patch)
        {
            json["patch"] = patch.DeepClone();
        }
        else if (change.Edits.Count > 0)
        {
            json["edits"] = new JsonArray([.. change.Edits.Select(Tree)]);
        }

        if (change.Mappings.Count > 0)
        {
            json["mappings"] = new JsonArray([.. change.Mappings.Select(MappingJson)]);
        }

        if (change.Removed.Count > 0)
        {
            json["removed"] = new JsonArray([.. change.Removed.Select(id => (JsonNode)id.ToString())]);
        }

        if (order is { } at)
        {
            json["i"] = at;
        }

        return json.ToJsonString();
    }

    /// <summary>The change read back; null, with the reason in <paramref name="problems"/>, for one this replica cannot apply.</summary>
    public static StateChange? FromJson(string text, StateWriter writer, List<string> problems) => FromJson(text, writer, problems, out _);

    /// <summary>The operations the change makes on the state hash: (operation, field, value) with <c>set</c>, <c>append</c>, <c>del</c>, <c>delprefix</c>, <c>clear</c>.</summary>
    public static IReadOnlyList<(string Op, string Field, string Value)> Fields(StateChange change)
    {
        var whole = ToJson(change);
        var token = TokenKey(change.Vendor ?? "", change.Token ?? "");
        return change.Kind switch
        {
            StateChangeKind.VendorScenario => [("set", "vs:" + change.Vendor, whole)],
            StateChangeKind.VendorVariant => [("set", "vv:" + change.Vendor, whole)],
            StateChangeKind.VendorVariation => [("set", "vx:" + change.Vendor, whole)],
            // A binding replaces what the field held; an unbinding is kept after it, so a load still knows when the token last started over.
            StateChangeKind.TokenBinding => [(change.Value is null ? "append" : "set", "tb:" + token, whole)],
            StateChangeKind.TokenVariant => [("set", "tv:" + token, whole)],
            StateChangeKind.TokenVariation => [("set", "tx:" + token, whole)],
            StateChangeKind.AccountEdit => [("append", "ta:" + token, whole)],
            StateChangeKind.AccountCleared => [("del", "ta:" + token, "")],
            StateChangeKind.ScenariosReset => [("delprefix", "vs:", ""), ("delprefix", "ss:", ""), ("set", "scenarios-reset", whole)],
            StateChangeKind.Reset => [("clear", "", ""), ("set", "reset", whole)],
            StateChangeKind.StubMappingsReset => [("delprefix", "sm:", ""), ("delprefix", "sh:", "")],
            StateChangeKind.StubScenarioState => [("set", "ss:" + change.Name, whole)],
            StateChangeKind.StubMappings =>
            [
                .. change.Removed.SelectMany(id => new[]
                {
                    ("del", "sm:" + id, ""),
                    ("set", "sh:" + id, ToJson(new StateChange(StateChangeKind.StubMappings) { Removed = [id] })),
                }),
                .. change.Mappings.Select((m, i) => ("set", "sm:" + m.Id, ToJson(new StateChange(StateChangeKind.StubMappings) { Mappings = [m] }, i))),
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "no fields for this kind of change"),
        };
    }

    /// <summary>
    /// The changes the state hash keeps, each with its version; the stub mappings one change added are put back together in
    /// their order, so their order among the admin-made mappings is the same as on the replicas that applied the change.
    /// </summary>
    public static IReadOnlyList<(StateChange Change, long Version)> FromState(IEnumerable<string> values, StateWriter writer, List<string> problems)
    {
        var changes = new List<(StateChange, long, int)>();
        foreach (var value in values)
        {
            foreach (var record in value.Split(RecordSeparator))
            {
                var newline = record.IndexOf('\n', StringComparison.Ordinal);
                if (newline < 0 || !long.TryParse(record.AsSpan(0, newline), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                {
                    problems.Add($"a record without a version: '{record[..Math.Min(record.Length, 40)]}'");
                    continue;
                }

                if (FromJson(record[(newline + 1)..], writer, problems, out var order) is { } change)
                {
                    changes.Add((change, version, order));
                }
            }
        }

        var added = changes.Where(c => c.Item1.Kind == StateChangeKind.StubMappings && c.Item1.Mappings.Count > 0)
            .GroupBy(c => c.Item2)
            .Select(g => (new StateChange(StateChangeKind.StubMappings) { Mappings = [.. g.OrderBy(c => c.Item3).SelectMany(c => c.Item1.Mappings)] }, g.Key));
        return
        [
            .. changes.Where(c => !(c.Item1.Kind == StateChangeKind.StubMappings && c.Item1.Mappings.Count > 0)).Select(c => (c.Item1, c.Item2)),
            .. added,
        ];
    }

    /// <summary>
    /// The counter hash's field for one count. A count exists for any credential a request sent, not only those an admin
    /// call named, so the field holds a digest of it: Redis never holds a request's credential whole.
    /// </summary>
    public static string CounterField(SharedCounter counter) =>
        (counter.Kind == SharedCounterKind.Sequence ? "s:" : "r:") + TokenKey(counter.Vendor, Digest(counter.Token));

    private static string Digest(string token)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return Convert.ToBase64String(hash[..18]);
    }

    private static StateChange? FromJson(string text, StateWriter writer, List<string> problems, out int order)
    {
        order = 0;
        JsonObject json;
        try
        {
            json = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            problems.Add($"a change that is not JSON: {e.Message}");
            return null;
        }

        if (!Enum.TryParse<StateChangeKind>(json["k"]?.GetValue<string>(), out var kind))
        {
            problems.Add($"a change of an unknown kind '{json["k"]}' (a replica of another version?)");
            return null;
        }

        order = json["i"]?.GetValue<int>() ?? 0;
        var mappings = new List<StubMapping>();
        foreach (var mapping in json["mappings"]?.AsArray() ?? [])
        {
            var found = new List<string>();
            if (writer.ReadMapping(mapping, found) is { } read)
            {
                mappings.Add(read);
            }
            else
            {
                problems.Add($"a stub mapping this replica cannot read: {string.Join("; ", found)}");
            }
        }

        return new StateChange(kind)
        {
            Vendor = Text(json, "vendor"),
            Token = Text(json, "token"),
            Name = Text(json, "name"),
            Value = Text(json, "value"),
            Patch = json["patch"]?.DeepClone(),
            Edits = [.. (json["edits"]?.AsArray() ?? []).Select(Node)],
            Mappings = mappings,
            Removed = [.. (json["removed"]?.AsArray() ?? []).Select(id => Guid.Parse(id!.GetValue<string>()))],
        };
    }

    private static string TokenKey(string vendor, string token) => string.Create(CultureInfo.InvariantCulture, $"{vendor.Length}:{vendor}{token}");

    private static void Put(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }

    private static string? Text(JsonObject json, string name) => json[name]?.GetValue<string>();

    /// <summary>The mapping's JSON with its id (a mapping created without one got it when it was read).</summary>
    private static JsonNode MappingJson(StubMapping mapping)
    {
        var json = (JsonObject)mapping.Json.DeepClone();
        json.Remove("uuid");
        json["id"] = mapping.Id.ToString();
        return json;
    }

    /// <summary>An edit tree: <c>{"m": {name: tree}}</c> merges into an object, <c>{"l": value}</c> sets a value.</summary>
    private static JsonNode Tree(OverrideNode node) => node switch
    {
        MergeOverride merge => new JsonObject { ["m"] = new JsonObject(merge.Children.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)Tree(c.Value)))) },
        LiteralOverride literal => new JsonObject { ["l"] = literal.Value?.DeepClone() },
        _ => throw new NotSupportedException($"an edit of kind {node.GetType().Name} travels only as the admin patch that made it"),
    };

    private static OverrideNode Node(JsonNode? json) => json switch
    {
        JsonObject { } merge when merge["m"] is JsonObject children =>
            new MergeOverride(children.ToDictionary(c => c.Key, c => Node(c.Value), StringComparer.Ordinal)),
        JsonObject { } literal => new LiteralOverride(literal["l"]?.DeepClone()),
        _ => new LiteralOverride(null),
    };
}
