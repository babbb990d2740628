using Microsoft.Extensions.Logging;
using MockAccounts.AspNetCore;
using MockAccounts.AspNetCore.Hosting;

namespace MockAccounts.Testing;

/// <summary>
/// How <see cref="MockAccountsServer.StartAsync"/> sets the server up: the server's own options (same
/// names, same defaults, e.g. <c>o.Seed = 7</c>, <c>o.Journal.Capacity = 100</c>) plus what only an
/// in-process server can take: a logger and a clock. The server listens on a free loopback port. The
/// configure action sees the options already read from the test process's <c>MockAccounts</c> configuration
/// section (an <c>appsettings.json</c> beside the test assembly, <c>MockAccounts__*</c> environment variables);
/// what it sets wins. A relative contract folder is looked for beside the test assembly, then in the test project.
/// </summary>
public sealed record MockAccountsServerOptions : MockAccountsOptions
{
    /// <summary>
    /// Where the server logs, one entry per request (category <c>MockAccounts.Requests</c>, level
    /// Information) included. Default: warnings and errors to the console, requests nowhere.
    /// The fixture does not dispose a factory it is given.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// The clock that scenario delays (<c>slow</c>, <c>slow-body</c>) wait on. With a fake clock
    /// (<c>Microsoft.Extensions.Time.Testing.FakeTimeProvider</c>) a slow scenario answers as soon as the
    /// test advances it. Default: the system clock.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
