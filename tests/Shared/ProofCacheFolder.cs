// Global namespace on purpose: a set-up fixture outside any namespace runs once for its whole test assembly.
#pragma warning disable CA1050

/// <summary>
/// Keeps the proof cache of every host a test starts in the temporary folder, not the user's: tests remember
/// proofs there (a second run starts as fast as a user's would), and nothing of a test run is left in the
/// user's profile. A cache the environment names (CI's, a developer's) is kept.
/// </summary>
[SetUpFixture]
public sealed class ProofCacheFolder
{
    // MockAccounts.Core.Loading.ProofCache.EnvironmentVariable, spelt out: not every test project references Core.
    private const string Variable = "MOCKACCOUNTS_PROOF_CACHE";

    [OneTimeSetUp]
    public void UseTemporaryFolder()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Environment.SetEnvironmentVariable(Variable, Path.Combine(Path.GetTempPath(), "mockaccounts-tests", "proofs"));
        }
    }
}
