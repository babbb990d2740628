using System.Globalization;
using Microsoft.Extensions.Options;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// Checks the bound <see cref="MockAccountsOptions"/> before anything starts (with <c>ValidateOnStart</c>): every
/// failure names the setting, the value and what it accepts. Written by hand rather than as data annotations:
/// their messages cannot quote the value, and a folder's check needs the absolute path it looked for.
/// </summary>
internal sealed class MockAccountsOptionsValidator : IValidateOptions<MockAccountsOptions>
{
    private const string Section = MockAccountsOptions.Section;

    public ValidateOptionsResult Validate(string? name, MockAccountsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Folder(problems, $"{Section}:Contracts", options.Contracts);
        for (var i = 0; i < options.ExtraContracts.Count; i++)
        {
            Folder(problems, string.Create(CultureInfo.InvariantCulture, $"{Section}:ExtraContracts:{i}"), options.ExtraContracts[i]);
        }

        if (options.ReferenceTime is not null && !DateTimeOffset.TryParse(options.ReferenceTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            problems.Add($"{Section}:ReferenceTime: '{options.ReferenceTime}' is not an ISO 8601 date or time (e.g. 2026-01-31 or 2026-01-31T12:00:00Z)");
        }

        Range(problems, "Journal:Capacity", options.Journal.Capacity, 0, 1_000_000, "; 0 disables the journal");
        Range(problems, "MaxTokens", options.MaxTokens, 1, 10_000_000);
        Range(problems, "Journal:MaxBodyChars", options.Journal.MaxBodyChars, 0, 1024 * 1024);
        if (options.Admin.Key is { Length: < 8 })
        {
            problems.Add($"{Section}:Admin:Key: too short (expected at least 8 characters)");
        }

        Range(problems, "MaxBodyBytes", options.MaxBodyBytes, 1024, 64 * 1024 * 1024);
        if (options.ShutdownTimeout < TimeSpan.Zero || options.ShutdownTimeout > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{Section}:ShutdownTimeout: {options.ShutdownTimeout} is out of range (expected 00:00:00 to 00:05:00)");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Folder(List<string> problems, string setting, string? folder)
    {
        if (folder is not null && !Directory.Exists(folder))
        {
            var absolute = Path.GetFullPath(folder);
            problems.Add(absolute == folder
                ? $"{setting}: folder '{folder}' does not exist (expected a folder holding schemas/ and mocks/)"
                : $"{setting}: folder '{folder}' does not exist: looked for {absolute} (a relative folder counts from the current directory; expected a folder holding schemas/ and mocks/)");
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
