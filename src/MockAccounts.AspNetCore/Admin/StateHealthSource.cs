namespace MockAccounts.AspNetCore.Admin;

/// <summary>The shared state's health once the host has linked it, for the health endpoint; null while the state is the process's own.</summary>
internal sealed class StateHealthSource
{
    private volatile Func<SharedStateHealth>? _health;

    public void Use(Func<SharedStateHealth> health) => _health = health;

    public SharedStateHealth? Now() => _health?.Invoke();
}
