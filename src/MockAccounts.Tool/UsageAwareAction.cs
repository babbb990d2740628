using System.CommandLine;
using System.CommandLine.Invocation;
using MockAccounts.Core.Loading;
using MockAccounts.Verification;
using MockAccounts.Verification.Contracts;

namespace MockAccounts.Tool;

/// <summary>
/// The action of <c>verify</c>, <c>record</c> and <c>diff</c>, whose exit code 1 means "drift" or "breaking": a
/// mistyped option must not read as that in CI, so parse errors and usage errors exit 2 here, each message
/// naming what is wrong.
/// </summary>
internal sealed class UsageAwareAction : AsynchronousCommandLineAction
{
    /// <summary>The exit code of a usage, connection or TLS error.</summary>
    public const int UsageError = 2;

    private readonly Func<ParseResult, CancellationToken, Task<int>> _run;

    public UsageAwareAction(Func<ParseResult, CancellationToken, Task<int>> run) => _run = run;

    public override bool ClearsParseErrors => true;

    /// <summary>An unknown token, with the option it most likely meant.</summary>
    private static string Unknown(Command command, string token)
    {
        if (!token.StartsWith('-'))
        {
            return $"unexpected argument '{token}'";
        }

        var name = token.Split('=')[0];
        var closest = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name))
            .Where(n => n.StartsWith("--", StringComparison.Ordinal))
            .Select(n => (Name: n, Distance: Distance(name, n)))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return closest.Name is not null && closest.Distance <= Math.Max(2, name.Length / 3)
            ? $"unknown option '{name}' (did you mean {closest.Name}?)"
            : $"unknown option '{name}'";
    }

    /// <summary>Edit distance, for suggesting the option meant.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
    {
        var errors = parseResult.InvocationConfiguration.Error;
        // Clearing parse errors (so that they exit 2 here) clears those of unknown tokens too: they are reported here.
        var unknown = parseResult.UnmatchedTokens.Select(token => Unknown(parseResult.CommandResult.Command, token)).ToArray();
        if (parseResult.Errors.Count > 0 || unknown.Length > 0)
        {
            foreach (var message in parseResult.Errors.Select(e => e.Message).Concat(unknown))
            {
                await errors.WriteLineAsync(message).ConfigureAwait(false);
            }

            await errors.WriteLineAsync($"See 'mockaccounts {parseResult.CommandResult.Command.Name} --help'.").ConfigureAwait(false);
            return UsageError;
        }

        try
        {
            return await _run(parseResult, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await errors.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return UsageError;
        }
        catch (ContractFileException e)
        {
            await errors.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return UsageError;
        }
        catch (ContractLoadException e)
        {
            await errors.WriteLineAsync($"error: the contracts do not load:{Environment.NewLine}{e.Message}").ConfigureAwait(false);
            return UsageError;
        }
    }
}
