namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// Where a host finds its runtime. A host starts, and listens, while its contracts still load
/// (<see cref="MockAccountsLoader"/>): its services reach the runtime through this slot, and its requests wait
/// for <see cref="Filled"/> (<see cref="WaitForContractsMiddleware"/>).
/// </summary>
internal sealed class RuntimeSlot
{
    private readonly TaskCompletionSource<MockAccountsRuntime> _filled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile MockAccountsRuntime? _runtime;

    /// <summary>Whether the runtime is there.</summary>
    public bool IsFilled => _runtime is not null;

    /// <summary>The runtime once it is there; faulted when the load failed.</summary>
    public Task<MockAccountsRuntime> Filled => _filled.Task;

    /// <summary>The runtime; asking before it is there is a bug in the caller, reported rather than waited on.</summary>
    public MockAccountsRuntime Runtime => _runtime
        ?? throw new InvalidOperationException(
            "MockAccounts was asked for its runtime before its contracts finished loading: a request must pass app.UseMockAccounts() (which holds it until they are in) before it reaches MapMockAccounts()' endpoints.");

    /// <summary>Puts the loaded runtime in; what waited for it goes on.</summary>
    public void Fill(MockAccountsRuntime runtime)
    {
        _runtime = runtime;
        _filled.SetResult(runtime);
    }

    /// <summary>The load failed: what waited for the runtime fails with <paramref name="error"/>.</summary>
    public void Fail(Exception error) => _filled.TrySetException(error);
}
