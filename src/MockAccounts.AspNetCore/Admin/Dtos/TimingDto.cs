namespace MockAccounts.AspNetCore.Admin;

/// <summary>How long a request took to serve.</summary>
/// <param name="TotalTime">Milliseconds from receiving the request to answering it.</param>
/// <param name="ServeTime">The same figure (WireMock splits it; the mock does not).</param>
public sealed record TimingDto(double TotalTime, double ServeTime);
