namespace MockAccounts.Core.Runtime;

/// <summary>
/// The replicas that had not applied a change when the shared store's bounded wait for them passed, reported to the
/// caller that made it (an admin call answers saying so). Flows with the async call: <see cref="Begin"/> in the caller,
/// <see cref="Report"/> in the store.
/// </summary>
public static class ReplicaLag
{
    private static readonly AsyncLocal<List<string>?> Current = new();

    /// <summary>Starts collecting for the calling flow; returns the list the store fills (empty when every replica kept up).</summary>
    public static IReadOnlyList<string> Begin()
    {
        var lagging = new List<string>();
        Current.Value = lagging;
        return lagging;
    }

    /// <summary>Records replicas behind a change, for whoever began collecting in this flow.</summary>
    /// <param name="replicas">The replicas that had not applied it.</param>
    public static void Report(IEnumerable<string> replicas)
    {
        if (Current.Value is { } lagging)
        {
            lock (lagging)
            {
                lagging.AddRange(replicas.Except(lagging));
            }
        }
    }
}
