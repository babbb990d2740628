using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MockAccounts.Verification;

/// <summary>Responses from a recording (<see cref="Recording"/>): no network.</summary>
public sealed class RecordedResponseSource : IResponseSource
{
    private readonly Dictionary<(string Operation, RequestMode Mode), JsonObject> _exchanges;

    private RecordedResponseSource(string description, Dictionary<(string, RequestMode), JsonObject> exchanges)
    {
        Description = description;
        _exchanges = exchanges;
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <summary>Reads a vendor's recording from <paramref name="folder"/>.</summary>
    /// <param name="folder">The recording folder.</param>
    /// <param name="vendor">The vendor.</param>
    /// <exception cref="UsageException">There is no recording, or it is not one (the message names the file).</exception>
    public static RecordedResponseSource Load(string folder, string vendor)
    {
        var file = Recording.FileOf(folder, vendor);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? throw new UsageException($"{file}: expected a recording (a JSON object)");
        }
        catch (FileNotFoundException)
        {
            throw new UsageException($"no recording of '{vendor}' in {folder} (expected {file}; mockaccounts record writes it)");
        }
        catch (DirectoryNotFoundException)
        {
            throw new UsageException($"--recorded: folder '{folder}' does not exist");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{file}: not valid JSON: {e.Message}");
        }

        if (root["recording"]?.GetValue<int>() != Recording.Version || root["exchanges"] is not JsonArray exchanges)
        {
            throw new UsageException($"{file}: not a recording of this version (expected \"recording\": {Recording.Version.ToString(CultureInfo.InvariantCulture)} and \"exchanges\")");
        }

        if (root["vendor"]?.ToString() != vendor)
        {
            throw new UsageException($"{file}: a recording of '{root["vendor"]}', not '{vendor}'");
        }

        var byKey = new Dictionary<(string, RequestMode), JsonObject>();
        foreach (var exchange in exchanges.OfType<JsonObject>())
        {
            if (exchange["operation"]?.ToString() is { } operation && Names.Mode(exchange["request"]?.ToString()) is { } mode)
            {
                byKey[(operation, mode)] = exchange;
            }
        }

        return new RecordedResponseSource($"the recording {file} ({root["source"]}, {root["recordedAt"]})", byKey);
    }

    /// <inheritdoc/>
    public Task<Exchange> SendAsync(Probe probe, CancellationToken cancellationToken)
    {
        if (!_exchanges.TryGetValue(probe.Key, out var recorded))
        {
            return Task.FromResult(new Exchange(probe, null, new TransportFailure(FailureKind.NotRecorded, $"the recording holds no response to {probe}: record again")));
        }

        if (recorded["response"] is not JsonObject response)
        {
            var kind = Enum.GetValues<FailureKind>().FirstOrDefault(k => Names.Kebab(k.ToString()) == recorded["failure"]?["kind"]?.ToString(), FailureKind.NotRecorded);
            return Task.FromResult(new Exchange(probe, null, new TransportFailure(kind, $"when recorded: {recorded["failure"]?["message"]}")));
        }

        var headers = (response["headers"] as JsonObject ?? [])
            .Select(h => new KeyValuePair<string, string>(h.Key, h.Value?.ToString() ?? ""))
            .ToArray();
        var body = response["body"] is { } json ? Encoding.UTF8.GetBytes(json.ToJsonString())
            : response["bodyText"] is JsonValue text ? Encoding.UTF8.GetBytes(text.GetValue<string>())
            : [];
        var status = response["status"] is JsonValue s && s.TryGetValue<int>(out var code) ? code : 0;
        return Task.FromResult(new Exchange(probe, new ObservedResponse(status, headers, body, TimeSpan.Zero), null));
    }
}
