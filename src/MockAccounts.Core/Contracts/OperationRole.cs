namespace MockAccounts.Core.Contracts;

/// <summary>What an operation is to the mock: the account read or a call that changes the account.</summary>
public enum OperationRole
{
    /// <summary>The account endpoint the scenarios drive.</summary>
    Account,

    /// <summary>A follow-up call that changes the token's account state.</summary>
    Action,

    /// <summary>An operation of a published spec: it answers its documented responses and changes nothing.</summary>
    Documented,
}
