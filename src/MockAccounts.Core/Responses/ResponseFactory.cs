using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Http;
using MockAccounts.Core.Scenarios;

namespace MockAccounts.Core.Responses;

/// <summary>Turns a scenario step into the response a token receives.</summary>
public sealed class ResponseFactory
{
    /// <summary>The content type of generated JSON bodies.</summary>
    public const string JsonContentType = "application/json";

    // Bodies are JSON served as JSON, never embedded in HTML: "+" and accents stay readable.
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // One growing buffer and writer per thread: a body is then one allocation, its final array (a MemoryStream
    // per body allocated four times its size while growing, a quarter of what a new token's request allocated).
    private const int KeptBufferBytes = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    private readonly BodyGenerator _generator;

    /// <summary>A factory that generates bodies with <paramref name="generator"/>.</summary>
    /// <param name="generator">The seeded body generator.</param>
    public ResponseFactory(BodyGenerator generator) => _generator = generator;

    /// <summary>The generator bodies come from.</summary>
    public BodyGenerator Generator => _generator;

    /// <param name="accountState">Per-token overrides (admin edits, follow-up actions), applied to success bodies.</param>
    /// <param name="draw">Which of the token's requests this answers (edge variation, per-request values).</param>
    /// <param name="variant">The vendor contract being served.</param>
    /// <param name="operation">The operation answering.</param>
    /// <param name="step">The scenario step: status, partial body, headers.</param>
    /// <param name="token">The credential the response is for; it seeds the body.</param>
    public MockResponse Produce(VariantContract variant, OperationContract operation, ResponseStep step, string token, OverrideNode? accountState = null, RequestDraw draw = default)
    {
        var contract = operation.ResponseFor(step.Status)
            ?? throw new ArgumentException($"{operation.Display} documents no {step.Status} response", nameof(step));
        var headers = new List<KeyValuePair<string, string>>(step.Headers.Count + 1);
        var body = Array.Empty<byte>();
        if (contract.Body is not null)
        {
            var overrides = HttpStatus.IsSuccess(step.Status) ? OverrideNode.Layer(step.Overrides, accountState) : step.Overrides;
            // A published spec's example is served as written, unless the step asks for a generated body or something is laid over it.
            var example = step.Generated || overrides is not null || draw.Edges ? null
                : step.Example is { } name ? contract.Example(name) : contract.Examples.Count > 0 ? contract.Examples[0] : null;
            body = example?.Body ?? Serialize(_generator.Generate(variant.Vendor, token, contract.Body, overrides, draw, schemaExamples: !step.Generated));
            headers.Add(new("Content-Type", contract.ContentType));
        }

        headers.AddRange(step.Headers);
        foreach (var (name, value) in contract.HeaderValues)
        {
            if (!step.Headers.Keys.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                headers.Add(new(name, value));
            }
        }

        return new MockResponse(step.Status, headers, body);
    }

    private static byte[] Serialize(JsonNode? json)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(buffer, Writer);
        writer.Reset(buffer);
        if (json is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            json.WriteTo(writer);
        }

        writer.Flush();
        var body = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > KeptBufferBytes)
        {
            // A rare huge body does not pin its buffer to the thread for good.
            _buffer = null;
            _writer = null;
        }

        return body;
    }
}
