namespace MockAccounts.AspNetCore.Admin;

/// <summary>The <c>meta</c> of the request list.</summary>
/// <param name="Total">Requests the journal holds.</param>
/// <param name="Dropped">Requests not recorded because the journal was full.</param>
public sealed record MetaDto(int Total, long Dropped);
