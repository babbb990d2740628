using System.Globalization;
using Microsoft.Extensions.Options;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// Checks the bound <see cref="MockAccountsOptions"/> before anything starts (with <c>ValidateOnStart</c>): every
/// failure names the setting, the value and what it accepts. Written by hand rather than as data annotations:
/// their messages cannot quote the value, and a folder's check needs the absolute path it looked for.
/// </summary>
internal sealed class MockAccountsOptionsValidator(IEnumerable<ISharedStateConnector> connectors) : IValidateOptions<MockAccountsOptions>
{
    private const string Section = MockAccountsOptions.Section;

    public ValidateOptionsResult Validate(string? name, MockAccountsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // What every host checks (contract folders, reference time, token bounds), then the server's own settings.
        var problems = new List<string>(options.Problems());
        Range(problems, "Journal:Capacity", options.Journal.Capacity, 0, 1_000_000, "; 0 disables the journal");
        Range(problems, "Journal:MaxBodyChars", options.Journal.MaxBodyChars, 0, 1024 * 1024);
        Range(problems, "Journal:MaxHeaderChars", options.Journal.MaxHeaderChars, 0, 1024 * 1024);
        if (options.Admin.Key is { Length: < 8 })
        {
            problems.Add($"{Section}:Admin:Key: too short (expected at least 8 characters)");
        }

        Range(problems, "MaxBodyBytes", options.MaxBodyBytes, 1024, 64 * 1024 * 1024);
        Duration(problems, "Mappings:MatchBudget", options.Mappings.MatchBudget, TimeSpan.FromMinutes(1));
        Duration(problems, "Mappings:QueryBudget", options.Mappings.QueryBudget, TimeSpan.FromMinutes(10));
        Duration(problems, "Mappings:MaxRenderTime", options.Mappings.MaxRenderTime, TimeSpan.FromMinutes(1));
        Range(problems, "Mappings:MaxTemplateChars", options.Mappings.MaxTemplateChars, 1, 16 * 1024 * 1024);
        Range(problems, "Mappings:MaxRenderedChars", options.Mappings.MaxRenderedChars, 1, 256 * 1024 * 1024);
        Range(problems, "Mappings:MaxCount", options.Mappings.MaxCount, 1, 1_000_000);
        State(problems, options.State);
        if (options.ShutdownTimeout < TimeSpan.Zero || options.ShutdownTimeout > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{Section}:ShutdownTimeout: {options.ShutdownTimeout} is out of range (expected 00:00:00 to 00:05:00)");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private void State(List<string> problems, StateOptions state)
    {
        if (string.IsNullOrWhiteSpace(state.Prefix))
        {
            problems.Add($"{Section}:State:Prefix: empty (expected a key prefix such as '{StateOptions.DefaultPrefix}', so several mocks can share one Redis)");
        }

        Duration(problems, "State:ReplicaWait", state.ReplicaWait, TimeSpan.FromMinutes(1));
        if (state.Redis is null)
        {
            return;
        }

        if (connectors.LastOrDefault() is not { } connector)
        {
            problems.Add($"{Section}:State:Redis: this host cannot share state (no connector): add the MockAccounts.Redis package and call services.AddMockAccountsRedis()");
            return;
        }

        problems.AddRange(connector.Problems(state));
    }

    private static void Duration(List<string> problems, string setting, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            problems.Add($"{Section}:{setting}: {value} is out of range (expected more than 00:00:00, at most {max})");
        }
    }

    private static void Range(List<string> problems, string setting, int value, int min, int max, string note = "")
    {
        if (value < min || value > max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:{setting}: {value} is out of range (expected {min} to {max}{note})"));
        }
    }
}
