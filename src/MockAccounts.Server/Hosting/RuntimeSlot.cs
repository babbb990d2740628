namespace MockAccounts.Server.Hosting;

/// <summary>
/// Where a host finds its runtime. A host may be built while its contracts still load
/// (<see cref="MockAccountsHost.BuildWhileLoadingAsync"/>): its services then reach the runtime through
/// this slot, which is filled before the host can start.
/// </summary>
internal sealed class RuntimeSlot(MockAccountsRuntime? runtime = null)
{
    private MockAccountsRuntime? _runtime = runtime;

    /// <summary>Whether the runtime was there when the host was built.</summary>
    public bool IsFilled => _runtime is not null;

    /// <summary>The runtime; asking before it is there is a bug in the caller, reported rather than waited on.</summary>
    public MockAccountsRuntime Runtime
    {
        get => _runtime ?? throw new InvalidOperationException("The host asked for its runtime before the contracts finished loading: start a host only once BuildWhileLoadingAsync has returned it.");
        set => _runtime = value;
    }
}
