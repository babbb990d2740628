using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Core;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Server.Tests;

/// <summary>
/// Validates every response a test receives: vendor responses against their operation's contract
/// (in some variant of the vendor), MockAccounts' own errors as RFC 9457 problem details.
/// </summary>
public sealed class ContractCheckingHandler : DelegatingHandler
{
    private readonly ContractStore _contracts;

    public ContractCheckingHandler(ContractStore contracts) => _contracts = contracts;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Head)
        {
            body.Should().BeEmpty($"HEAD {path} has no body");
        }
        else if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            var problem = JsonNode.Parse(body)!.AsObject();
            problem.Should().ContainKeys("title", "status", "detail");
            problem["status"]!.GetValue<int>().Should().Be((int)response.StatusCode);
        }
        else if (!path.StartsWith("/__admin", StringComparison.Ordinal) && _contracts.Current.Contracts.Match(request.Method.Method, path) is { } match)
        {
            var headers = response.Headers.Concat(response.Content.Headers)
                .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToArray();
            var results = match.Vendor.Variants.Values
                .Select(v => v.FindOperation(match.Method, match.Template))
                .OfType<Core.Contracts.OperationContract>()
                .Select(op => Core.Validation.ResponseValidator.Validate(op, (int)response.StatusCode, headers, body, independently: true))
                .ToArray();
            results.Should().Contain(r => r.Count == 0,
                $"{request.Method} {path} answered {(int)response.StatusCode} breaking its contract: {string.Join(" | ", results.Select(r => string.Join("; ", r)))}");
        }

        return response;
    }
}
