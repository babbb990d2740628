using MockAccounts.Core.Contracts;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Http;
using MockAccounts.Core.Responses;

namespace MockAccounts.Core.Runtime;

/// <summary>What a token of a vendor receives right now, in which scenario and with which variation.</summary>
public sealed record AccountView(VariantContract Variant, string Token, string Scenario, MockResponse Response, Variation Variation);
