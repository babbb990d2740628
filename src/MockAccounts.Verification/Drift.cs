using MockAccounts.Verification.Fixes;

namespace MockAccounts.Verification;

/// <summary>One way a response left its contract.</summary>
/// <param name="Kind">What kind of drift.</param>
/// <param name="Aspect">Which part of the response.</param>
/// <param name="Location">Where in the response: a JSON pointer into the body, or a header's name; empty for the status.</param>
/// <param name="ContractPointer">The expectation's JSON pointer into the contract file (the keyword broken).</param>
/// <param name="Expected">What the contract says, in words.</param>
/// <param name="Observed">What the response had, masked unless values are shown.</param>
/// <param name="Suggestion">The smallest contract change that would accept it, with where to make it.</param>
/// <param name="Fix">That change, when <c>--write-variant</c> can make it; null when it cannot.</param>
public sealed record Drift(
    DriftKind Kind,
    CheckAspect Aspect,
    string Location,
    string ContractPointer,
    string Expected,
    string Observed,
    string Suggestion,
    ContractFix? Fix)
{
    /// <summary>Identifies the same drift seen in several checks (two requests both get the same 401, say).</summary>
    public (DriftKind, CheckAspect, string, string, string, string) Key => (Kind, Aspect, Location, ContractPointer, Expected, Observed);

    /// <summary>The kind as reports write it: <c>unknown-property</c>, <c>enum-value</c>, …</summary>
    public string KindName => Names.Kebab(Kind.ToString());

    /// <summary>Where in the response: <c>body /user/name</c>, <c>header Retry-After</c>, <c>status</c>.</summary>
    public string Where => Aspect switch
    {
        CheckAspect.Body => "body " + (Location.Length == 0 ? "(root)" : Location),
        CheckAspect.Headers or CheckAspect.ContentType => "header " + Location,
        _ => Names.Of(Aspect),
    };
}
