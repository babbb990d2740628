namespace MockAccounts.Verification;

/// <summary>What verification found: every check, each distinct drift once, and the exit code it means.</summary>
public sealed record VerificationReport
{
    /// <summary>A report of <paramref name="checks"/>.</summary>
    /// <param name="vendor">The vendor.</param>
    /// <param name="variant">The variant it was held to.</param>
    /// <param name="source">Where the responses came from (a base URL without secrets, or a recording).</param>
    /// <param name="contractFile">The contract file, as its pointers are read.</param>
    /// <param name="checks">Every check, in order.</param>
    /// <param name="notes">Operations not asked, and why.</param>
    public VerificationReport(string vendor, string variant, string source, string contractFile, IReadOnlyList<CheckResult> checks, IReadOnlyList<string> notes)
    {
        Vendor = vendor;
        Variant = variant;
        Source = source;
        ContractFile = contractFile;
        Checks = checks;
        Notes = notes;
        var entries = new List<DriftEntry>();
        var byKey = new Dictionary<(DriftKind, CheckAspect, string, string, string, string), int>();
        var seen = new List<List<string>>();
        foreach (var check in checks)
        {
            foreach (var drift in check.Drifts)
            {
                if (!byKey.TryGetValue(drift.Key, out var index))
                {
                    index = entries.Count;
                    byKey[drift.Key] = index;
                    seen.Add([]);
                    entries.Add(new DriftEntry(index + 1, drift, seen[index]));
                }

                if (!seen[index].Contains(check.Name))
                {
                    seen[index].Add(check.Name);
                }
            }
        }

        Drifts = entries;
    }

    /// <summary>The vendor.</summary>
    public string Vendor { get; }

    /// <summary>The variant it was held to.</summary>
    public string Variant { get; }

    /// <summary>Where the responses came from.</summary>
    public string Source { get; }

    /// <summary>The contract file the pointers are into.</summary>
    public string ContractFile { get; }

    /// <summary>Every check, in order.</summary>
    public IReadOnlyList<CheckResult> Checks { get; }

    /// <summary>Each distinct drift once, numbered in the order first seen.</summary>
    public IReadOnlyList<DriftEntry> Drifts { get; }

    /// <summary>Operations not asked, and why.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The number of a drift in <see cref="Drifts"/>.</summary>
    /// <param name="drift">A drift of one of the checks.</param>
    public int IdOf(Drift drift) => Drifts.First(d => d.Drift.Key == drift.Key).Id;

    /// <summary>How many checks had <paramref name="outcome"/>.</summary>
    /// <param name="outcome">The outcome.</param>
    public int Count(CheckOutcome outcome) => Checks.Count(c => c.Outcome == outcome);

    /// <summary>2 when a check could not be made (the run is incomplete), else 1 when there is drift, else 0.</summary>
    public int ExitCode => Count(CheckOutcome.Error) > 0 ? 2 : Count(CheckOutcome.Drift) > 0 ? 1 : 0;
}
