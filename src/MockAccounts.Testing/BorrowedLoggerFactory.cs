using Microsoft.Extensions.Logging;

namespace MockAccounts.Testing;

/// <summary>The test's logger factory, handed to the host's container without letting it dispose the factory: the test owns it.</summary>
internal sealed class BorrowedLoggerFactory : ILoggerFactory
{
    private readonly ILoggerFactory _loggers;

    public BorrowedLoggerFactory(ILoggerFactory loggers) => _loggers = loggers;

    public ILogger CreateLogger(string categoryName) => _loggers.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => _loggers.AddProvider(provider);

    public void Dispose()
    {
    }
}
