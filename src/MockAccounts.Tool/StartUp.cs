using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MockAccounts.AspNetCore;
using MockAccounts.AspNetCore.Hosting;
using MockAccounts.Core.Loading;
using MockAccounts.Redis;

namespace MockAccounts.Tool;

/// <summary>
/// The server's own start (<see cref="MockAccountsHost.StartAsync"/>: options validated, contracts loaded and proven)
/// on an in-memory server that logs nothing; failures reported with the server's exit codes.
/// </summary>
internal static class StartUp
{
    /// <param name="settings">Server settings from the command line (<c>--MockAccounts:Validation warn</c>).</param>
    /// <param name="configure">The command's own options, set in code after the settings.</param>
    /// <param name="errors">Where a failure is written.</param>
    /// <param name="cancellationToken">Gives up starting.</param>
    /// <returns>The started in-memory host, or null and the exit code (1 broken contract, 2 bad setting) after writing why to <paramref name="errors"/>.</returns>
    public static async Task<(WebApplication? Host, int Exit)> StartAsync(
        IReadOnlyList<string> settings, Action<MockAccountsOptions> configure, TextWriter errors, CancellationToken cancellationToken)
    {
        try
        {
            var host = await MockAccountsHost.StartAsync([.. settings], builder =>
            {
                builder.WebHost.UseTestServer();
                builder.Services.AddMockAccountsRedis();
                builder.Logging.ClearProviders();
                builder.Services.Configure<MockAccountsOptions>(options =>
                {
                    options.HotReload = false;
                    options.RequestLog = false;
                    configure(options);
                });
            }, cancellationToken).ConfigureAwait(false);
            return (host, 0);
        }
        catch (OptionsValidationException e)
        {
            await errors.WriteLineAsync("Invalid MockAccounts options:" + string.Concat(e.Failures.Select(f => Environment.NewLine + "  " + f))).ConfigureAwait(false);
            return (null, 2);
        }
        catch (ContractLoadException e)
        {
            await errors.WriteLineAsync(e.Message).ConfigureAwait(false);
            return (null, 1);
        }
    }
}
