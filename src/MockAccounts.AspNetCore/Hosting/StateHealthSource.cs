namespace MockAccounts.AspNetCore.Hosting;

/// <summary>The shared state's link once the loader has made it, for the health endpoint; null health while the state is the process's own.</summary>
internal sealed class StateHealthSource
{
    private volatile ISharedStateConnection? _connection;

    public void Use(ISharedStateConnection connection) => _connection = connection;

    public SharedStateHealth? Now() => _connection?.Health();
}
