namespace MockAccounts.Tests.Support;

/// <summary>
/// Waits for a condition another thread makes true (a timer armed on a fake clock, a request in flight), within a
/// bound: a condition that never comes fails its test after <see cref="Bound"/> instead of hanging the run.
/// </summary>
public static class Eventually
{
    /// <summary>The longest any test waits for a condition.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>Returns once <paramref name="condition"/> holds; fails the test naming <paramref name="what"/> after <see cref="Bound"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var bound = new CancellationTokenSource(Bound);
        while (!condition())
        {
            try
            {
                await Task.Delay(1, bound.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Waited {Bound.TotalSeconds:0} s for {what}.");
            }
        }
    }
}
