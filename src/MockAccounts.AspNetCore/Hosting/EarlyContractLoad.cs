using MockAccounts.Core.Runtime;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// A contract load a host of our own began before it was built (<see cref="MockAccountsHost.StartAsync"/>): the
/// loader takes it over instead of beginning one when the host starts.
/// </summary>
internal sealed record EarlyContractLoad(Task<MockEngine> Loading);
