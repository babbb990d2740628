using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MockAccounts.Core;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Http;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Responses;
using MockAccounts.Core.Runtime;
using MockAccounts.Core.Scenarios;
using MockAccounts.Core.Validation;

namespace MockAccounts.Bench;

/// <summary>
/// The core pipeline per vendor, time and allocations: generating a body (a cache miss), validating
/// it, and a whole request through the pipeline when cached and when not.
/// </summary>
[MemoryDiagnoser]
public class CoreBenchmarks
{
    private ContractStore _store = null!;
    private MockPipeline _pipeline = null!;
    private VariantContract _variant = null!;
    private ResponseStep _step = null!;
    private MockResponse _response = null!;
    private MockRequest _cached = null!;
    private int _token;
    private string[] _tokens = [];

    [Params("runloop", "opterius", "depicta", "ultravox")]
    public string Vendor { get; set; } = "runloop";

    [GlobalSetup]
    public void Setup()
    {
        _store = ContractStore.LoadAsync([ContractSources.Under(CoreCost.FindRoot())], GenerationOptions.StartingToday()).GetAwaiter().GetResult();
        _pipeline = new MockPipeline(_store, new MockState(), ValidationMode.Strict);
        _variant = _store.Current.Variant(Vendor);
        _step = _variant.Catalogue.Default.Steps[0];
        _response = _store.Current.Responses.Produce(_variant, _variant.Account, _step, "bench");
        // Tokens of the vendor's documented shape: one that breaks it is refused with a cached 401, and would time that instead.
        var format = _variant.Account.Security[0][0].Format;
        _tokens = Enumerable.Range(0, 200_000).Select(i => format?.NewCredential() ?? $"bench-{i}").ToArray();
        _cached = Request(_tokens[0]);
        foreach (var request in new[] { _cached, Request(_tokens[1]) })
        {
            if (_pipeline.Handle(request) is not Served { Response.Status: 200 })
            {
                throw new InvalidOperationException($"{Vendor}'s benchmark request is not served a 200: the bench would time a refusal");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Description = "generate a body")]
    public MockResponse Generate() => _store.Current.Responses.Produce(_variant, _variant.Account, _step, _tokens[_token++ % _tokens.Length]);

    [Benchmark(Description = "validate a body (quick check)")]
    public int Validate() => ResponseValidator.Validate(_variant.Account, _response).Count;

    [Benchmark(Description = "request, cached response")]
    public PipelineResult RequestCached() => _pipeline.Handle(_cached);

    [Benchmark(Description = "request, new token (miss)")]
    public PipelineResult RequestNewToken() => _pipeline.Handle(Request(_tokens[_token++ % _tokens.Length]));

    private MockRequest Request(string token)
    {
        var location = _variant.Account.Security[0][0];
        var value = location.Kind == CredentialKind.Bearer ? $"Bearer {token}" : token;
        return new MockRequest("GET", _variant.Account.Path, name => string.Equals(name, location.HeaderName, StringComparison.OrdinalIgnoreCase) ? value : null, ReadOnlyMemory<byte>.Empty);
    }

    public static int Run(string[] args) =>
        BenchmarkSwitcher.FromTypes([typeof(CoreBenchmarks)]).RunAll(
            DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator),
            args).Any() ? 0 : 1;
}
