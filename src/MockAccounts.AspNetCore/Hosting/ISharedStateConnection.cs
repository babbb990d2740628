using MockAccounts.AspNetCore.Admin;
using MockAccounts.AspNetCore.Journal;
using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>One replica's link to the store it shares state with: its state changes and counts, its journal, its health.</summary>
public interface ISharedStateConnection : IAsyncDisposable
{
    /// <summary>The state changes and counts (what the engine's <see cref="StateWriter.Share"/> takes).</summary>
    ISharedState State { get; }

    /// <summary>The journal every replica writes to.</summary>
    ISharedJournal Journal { get; }

    /// <summary>How the link stands now.</summary>
    SharedStateHealth Health();
}
