using System.CommandLine;
using System.Globalization;
using MockAccounts.Core.Contracts;
using MockAccounts.Verification;

namespace MockAccounts.Tool;

/// <summary>The options <c>verify</c> and <c>record</c> share, and how their values become the library's settings.</summary>
internal sealed class VerificationOptions
{
    public Argument<string> Vendor { get; } = new("VENDOR") { Description = "The vendor, as its contract folder is named (runloop, opterius, depicta, ultravox, or one of --contracts)." };

    public Option<string> BaseUrl { get; } = new("--base-url") { Description = "The service's base URL (operation paths are appended to it).", HelpName = "URL" };

    public Option<string> Credential { get; } = new("--credential")
    {
        Description = "The credential, placed where the vendor's security scheme says. Prefer the environment variable MOCKACCOUNTS_CREDENTIAL_<VENDOR> (e.g. MOCKACCOUNTS_CREDENTIAL_RUNLOOP): it stays out of shell history.",
        HelpName = "VALUE",
    };

    public Option<string> Variant { get; } = new("--variant")
    {
        Description = $"The variant to hold the vendor to (default: {VendorContract.DocumentedVariant}).",
        HelpName = "NAME",
        DefaultValueFactory = _ => VendorContract.DocumentedVariant,
    };

    public Option<string[]> Contracts { get; } = new("--contracts")
    {
        Description = "Folders holding schemas/ and mocks/, loaded after the built-in ones (a vendor there replaces the built-in one of the same name). Repeatable.",
        HelpName = "DIR",
    };

    public Option<string[]> Params { get; } = new("--param")
    {
        Description = "A path, query or header parameter's value, name=value (repeatable); the contract's examples fill the others.",
        HelpName = "NAME=VALUE",
    };

    public Option<string[]> Bodies { get; } = new("--body")
    {
        Description = "The body of an unsafe operation: 'PATCH /v1/account/profile={\"name\":null}' or '...=@file.json' (repeatable); default: the contract's example.",
        HelpName = "OPERATION=JSON",
    };

    public Option<bool> IncludeUnsafe { get; } = new("--include-unsafe") { Description = "Also send PATCH, POST, PUT and DELETE operations (they may change the account). Never by default." };

    public Option<double> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds one request may take (default 10).",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => 10,
    };

    public Option<bool> Insecure { get; } = new("--insecure") { Description = "Accept any TLS certificate (a test server's self-signed one). Never for a real vendor." };

    public void AddTo(Command command)
    {
        command.Add(Vendor);
        foreach (var option in new Option[] { BaseUrl, Credential, Variant, Contracts, Params, Bodies, IncludeUnsafe, Timeout, Insecure })
        {
            command.Add(option);
        }
    }

    /// <summary>The contract folders: the built-in copies beside the tool, then <c>--contracts</c>.</summary>
    public string[] Roots(ParseResult result) => [BuiltIn, .. (result.GetValue(Contracts) ?? []).Select(Path.GetFullPath)];

    /// <summary>The built-in contracts, copied beside the tool.</summary>
    public static string BuiltIn => AppContext.BaseDirectory;

    /// <summary>The credential: <c>--credential</c>, else the vendor's environment variable; null when neither is set.</summary>
    public string? CredentialFor(ParseResult result, string vendor) =>
        result.GetValue(Credential) is { Length: > 0 } given ? given
        : Environment.GetEnvironmentVariable(VerificationTarget.CredentialVariableOf(vendor)) is { Length: > 0 } variable ? variable
        : null;

    public ProbeSettings Settings(ParseResult result, string? credential) => new()
    {
        Credential = credential,
        Parameters = Pairs(result.GetValue(Params) ?? [], "--param", '=').ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        Bodies = Pairs(result.GetValue(Bodies) ?? [], "--body", '=').ToDictionary(p => p.Key, p => BodyText(p.Value), StringComparer.Ordinal),
        IncludeUnsafe = result.GetValue(IncludeUnsafe),
    };

    public HttpResponseSource Http(ParseResult result)
    {
        var url = result.GetValue(BaseUrl)!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new UsageException($"--base-url '{url}' is not an absolute URL (e.g. https://api.runloop.ai)");
        }

        var seconds = result.GetValue(Timeout);
        if (!(seconds > 0 && seconds <= 600))
        {
            throw new UsageException($"--timeout {seconds.ToString(CultureInfo.InvariantCulture)}: expected seconds between 0 and 600");
        }

        return new HttpResponseSource(uri, TimeSpan.FromSeconds(seconds), result.GetValue(Insecure), TimeProvider.System);
    }

    public static string NoCredential(VerificationTarget target) =>
        $"no credential for {target.Vendor}: set {target.CredentialVariable} (or pass --credential)";

    private static IEnumerable<KeyValuePair<string, string>> Pairs(string[] values, string option, char separator)
    {
        foreach (var value in values)
        {
            var cut = value.IndexOf(separator, StringComparison.Ordinal);
            if (cut <= 0)
            {
                throw new UsageException($"{option} '{value}': expected NAME{separator}VALUE");
            }

            yield return new(value[..cut].Trim(), value[(cut + 1)..]);
        }
    }

    private static string BodyText(string value)
    {
        if (!value.StartsWith('@'))
        {
            return value;
        }

        try
        {
            return File.ReadAllText(value[1..]);
        }
        catch (IOException e)
        {
            throw new UsageException($"--body: cannot read '{value[1..]}': {e.Message}");
        }
    }
}
