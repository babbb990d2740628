namespace MockAccounts.Core.Contracts;

/// <summary>A request parameter a published operation declares, checked before it is answered.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="In">Where it is sent: <c>query</c>, <c>header</c>, <c>path</c> or <c>cookie</c>.</param>
/// <param name="Required">Whether a request must send it.</param>
/// <param name="Check">Whether a sent value keeps the parameter's schema (the text as sent); null accepts any.</param>
public sealed record ParameterContract(string Name, string In, bool Required, Func<string, bool>? Check)
{
    /// <summary>The parameter as a message names it, e.g. <c>query parameter 'status'</c>.</summary>
    public string Display => $"{In} parameter '{Name}'";
}
