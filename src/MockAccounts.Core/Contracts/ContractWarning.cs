namespace MockAccounts.Core.Contracts;

/// <summary>
/// Something a contract documents that the mock cannot honour (a keyword it does not enforce, a media type it
/// does not serve), found when the contract loaded: said once, never a silently wrong body.
/// </summary>
/// <param name="File">The contract file, as the user would type it.</param>
/// <param name="Location">The JSON pointer into it.</param>
/// <param name="Message">What is not honoured, and what the mock does instead.</param>
public sealed record ContractWarning(string File, string Location, string Message)
{
    /// <summary>The warning as <c>file: location: message</c>, for logs and the command line.</summary>
    public override string ToString() =>
        string.IsNullOrEmpty(Location) ? $"{File}: {Message}" : $"{File}: {Location}: {Message}";
}
