namespace MockAccounts.AspNetCore.Admin;

/// <summary>One problem in one contract file: the file, the JSON pointer in it, and what was expected.</summary>
public sealed record ContractErrorDto(string File, string Pointer, string Message);
