namespace MockAccounts.Core.Runtime;

/// <summary>
/// State shared by every replica pointing at one store (MockAccounts.Redis implements it). Each replica keeps its own
/// view (<see cref="MockState"/> and the stub mappings) and serves from it without asking the store; a change goes to
/// the store, which orders it, and comes back to every replica to apply (<see cref="StateWriter.Apply"/>).
/// </summary>
public interface ISharedState
{
    /// <summary>
    /// Sends <paramref name="change"/> to every replica; completes once every live replica, this one included, has
    /// applied it, or once the store's bounded wait for them has passed (the replicas still behind are then reported
    /// through <see cref="ReplicaLag"/>).
    /// </summary>
    /// <param name="change">The change.</param>
    /// <param name="cancellationToken">Stops waiting (the change may still be applied).</param>
    /// <exception cref="SharedStateUnavailableException">The store cannot be reached: nothing changed.</exception>
    ValueTask ShareAsync(StateChange change, CancellationToken cancellationToken = default);

    /// <summary>Claims the counter's next value, atomically across replicas.</summary>
    /// <param name="counter">Which count, and its epoch.</param>
    ValueTask<long> NextAsync(SharedCounter counter);

    /// <summary>The value the counter's next claim would take, without claiming it.</summary>
    /// <param name="counter">Which count, and its epoch.</param>
    ValueTask<long> PeekAsync(SharedCounter counter);
}
