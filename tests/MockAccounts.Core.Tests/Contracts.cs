using MockAccounts.Core;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Loading;
using MockAccounts.Tests.Support;

namespace MockAccounts.Core.Tests;

/// <summary>The repository's own contracts, loaded once for the whole assembly.</summary>
[SetUpFixture]
public sealed class Contracts
{
    /// <summary>A fixed reference time, so dates in assertions never depend on the day the tests run.</summary>
    public static readonly GenerationOptions Options = new(GenerationOptions.DefaultSeed, new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));

    private static ContractSnapshot? _engine;

    public static ContractSnapshot Engine => _engine ?? throw new InvalidOperationException("the set-up fixture has not run");

    public static string RepositoryRoot => Repository.Root;

    public static string TestData(params string[] parts) => Repository.TestData(parts);

    [OneTimeSetUp]
    public async Task LoadAsync() =>
        _engine = await ContractSnapshot.LoadAsync(ContractSources.Under(RepositoryRoot), Options);
}
