namespace MockAccounts.AspNetCore.Admin;

/// <summary>The body of <c>GET /__admin/requests</c>.</summary>
/// <param name="Requests">The serve events.</param>
/// <param name="Meta">Totals for the journal.</param>
/// <param name="RequestJournalDisabled">True when the journal is off (capacity 0).</param>
public sealed record ServeEventsDto(IReadOnlyList<ServeEventDto> Requests, MetaDto Meta, bool RequestJournalDisabled);
