namespace MockAccounts.Core.Loading;

/// <summary>One problem in one contract file: where it is and what was expected.</summary>
public sealed record ContractError(string File, string Location, string Message)
{
    /// <summary>The error as <c>file: location: message</c>, for logs and exception messages.</summary>
    public override string ToString() =>
        string.IsNullOrEmpty(Location) ? $"{File}: {Message}" : $"{File}: {Location}: {Message}";
}
