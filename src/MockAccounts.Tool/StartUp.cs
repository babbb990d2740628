using MockAccounts.Core.Loading;
using MockAccounts.AspNetCore.Hosting;

namespace MockAccounts.Tool;

/// <summary>The server's start-up up to listening: options validated, contracts loaded and proven; failures reported with the server's exit codes.</summary>
internal static class StartUp
{
    /// <returns>The runtime, or null and the exit code (1 broken contract, 2 bad option) after writing why to <paramref name="errors"/>.</returns>
    public static async Task<(MockAccountsRuntime? Runtime, int Exit)> LoadAsync(MockAccountsOptions options, TextWriter errors, CancellationToken cancellationToken)
    {
        try
        {
            options.ThrowIfInvalid();
            return (await MockAccountsRuntime.CreateAsync(options, cancellationToken).ConfigureAwait(false), 0);
        }
        catch (MockAccountsOptionsException e)
        {
            await errors.WriteLineAsync(e.Message).ConfigureAwait(false);
            return (null, 2);
        }
        catch (ContractLoadException e)
        {
            await errors.WriteLineAsync(e.Message).ConfigureAwait(false);
            return (null, 1);
        }
    }
}
