using FluentAssertions;
using MockAccounts.Core.Loading;
using MockAccounts.Tests.Support;

namespace MockAccounts.Core.Tests;

/// <summary>A proven contract is remembered by its content: unchanged files skip the proof (and NJsonSchema), changed ones are proven again.</summary>
public sealed class ProofCacheTests
{
    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "mockaccounts-tests", "proofs-" + Guid.NewGuid().ToString("N"));

    private static async Task<ContractSnapshot> LoadAsync(string root, string cache) =>
        await ContractSnapshot.LoadAsync([ContractSources.Under(root)], Contracts.Options, ProofCache.In(cache));

    private static IEnumerable<MockAccounts.Core.Contracts.VariantContract> Variants(ContractSnapshot snapshot) =>
        snapshot.Contracts.Vendors.Values.SelectMany(v => v.Variants.Values);

    [Test]
    public async Task An_unchanged_contract_is_proven_once_and_later_loads_compile_no_njsonschema_validator()
    {
        var cache = NewFolder();

        var first = await LoadAsync(Repository.Root, cache);
        var second = await LoadAsync(Repository.Root, cache);

        Variants(first).Should().OnlyContain(v => !v.ProofCached);
        Directory.GetFiles(cache).Should().HaveCount(Variants(first).Count());
        Variants(second).Should().OnlyContain(v => v.ProofCached);
        Variants(second).SelectMany(v => v.Operations).SelectMany(o => o.Responses.Values)
            .Where(r => r.BodyValidatorSource is not null)
            .Should().OnlyContain(r => !r.BodyValidatorSource!.IsValueCreated, "a cached proof needs no NJsonSchema at start-up");
    }

    [Test]
    public async Task A_load_on_a_cached_proof_serves_what_a_checked_load_serves()
    {
        var cache = NewFolder();
        var checkedLoad = await LoadAsync(Repository.Root, cache);
        var provenLoad = await LoadAsync(Repository.Root, cache);

        Variants(provenLoad).Should().OnlyContain(v => v.ProofCached);
        Answers(provenLoad).Should().Equal(Answers(checkedLoad));
    }

    /// <summary>Every scenario's first answer for one token, as status, headers and body text.</summary>
    private static string[] Answers(ContractSnapshot snapshot) =>
        Variants(snapshot).SelectMany(v => v.Catalogue.Scenarios.Select(s =>
        {
            var response = snapshot.Respond(v.Vendor, v.Name, "proof-token", s.Name);
            return $"{v.Vendor}/{v.Name}/{s.Name}: {response.Status} {string.Join(", ", response.Headers)} {System.Text.Encoding.UTF8.GetString(response.Body)}";
        })).ToArray();

    [Test]
    public async Task A_catalogue_changed_after_its_proof_was_cached_is_proven_again()
    {
        var cache = NewFolder();
        var root = Repository.CopyOf(Repository.Root);
        await LoadAsync(root, cache);
        var catalogue = Path.Combine(root, "mocks", "runloop", "scenarios.json");
        await File.WriteAllTextAsync(catalogue, (await File.ReadAllTextAsync(catalogue)).Replace("\"ACCOUNT_TIER_PRO\"", "\"ACCOUNT_TIER_PLATINUM\"", StringComparison.Ordinal));

        var load = () => LoadAsync(root, cache);

        (await load.Should().ThrowAsync<ContractLoadException>()).Which.Errors
            .Should().Contain(e => e.File.EndsWith("mocks/runloop/scenarios.json", StringComparison.Ordinal) && e.Message.Contains("ACCOUNT_TIER_PLATINUM", StringComparison.Ordinal));
    }

    [Test]
    public async Task Proofs_are_shared_between_reference_times_but_not_between_seeds()
    {
        var cache = NewFolder();
        await LoadAsync(Repository.Root, cache);

        var reseeded = await ContractSnapshot.LoadAsync([ContractSources.Under(Repository.Root)], Contracts.Options with { Seed = 7 }, ProofCache.In(cache));
        var later = await ContractSnapshot.LoadAsync([ContractSources.Under(Repository.Root)], Contracts.Options with { ReferenceTime = Contracts.Options.ReferenceTime.AddDays(1) }, ProofCache.In(cache));

        Variants(reseeded).Should().OnlyContain(v => !v.ProofCached);
        Variants(later).Should().OnlyContain(v => v.ProofCached, "relative dates keep their format whatever the day");
    }

    [Test]
    public async Task With_the_cache_off_every_load_proves()
    {
        await ContractSnapshot.LoadAsync([ContractSources.Under(Repository.Root)], Contracts.Options, ProofCache.Off);

        var again = await ContractSnapshot.LoadAsync([ContractSources.Under(Repository.Root)], Contracts.Options, ProofCache.Off);

        Variants(again).Should().OnlyContain(v => !v.ProofCached);
    }
}
