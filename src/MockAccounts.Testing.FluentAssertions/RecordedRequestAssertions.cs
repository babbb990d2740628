using FluentAssertions;
using FluentAssertions.Collections;
using FluentAssertions.Execution;

namespace MockAccounts.Testing;

/// <summary>Journal assertions that read like the rest of a test: <c>mock.GetRequests().Should().HaveReceived(1, "runloop")</c>.</summary>
public static class RecordedRequestAssertions
{
    /// <summary>Exactly <paramref name="times"/> requests reached <paramref name="vendor"/> (optionally for one token).</summary>
    public static AndConstraint<GenericCollectionAssertions<RecordedRequest>> HaveReceived(
        this GenericCollectionAssertions<RecordedRequest> assertions, int times, string vendor, string? token = null, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(assertions);
        var received = assertions.Subject?.Count(r => r.Vendor == vendor && (token is null || r.Token == token)) ?? 0;
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(received == times)
            .FailWith("Expected {0}" + TokenSuffix(token) + " to have received {1} request(s){reason}, but it received {2}.", vendor, times, received);
        return new AndConstraint<GenericCollectionAssertions<RecordedRequest>>(assertions);
    }

    // FluentAssertions quotes its arguments; the token reads better bare (braces escaped for its formatter).
    private static string TokenSuffix(string? token) =>
        token is null ? "" : $" (token {token.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal)})";

    /// <summary>At least one request reached <paramref name="vendor"/> with this method and path.</summary>
    public static AndConstraint<GenericCollectionAssertions<RecordedRequest>> HaveReceivedCall(
        this GenericCollectionAssertions<RecordedRequest> assertions, string vendor, string method, string path, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(assertions);
        var calls = assertions.Subject?.Where(r => r.Vendor == vendor).Select(r => $"{r.Method} {r.Path}").ToArray() ?? [];
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(calls.Contains($"{method} {path}"))
            .FailWith("Expected {0} to have received {1}{reason}, but it received {2}.", vendor, $"{method} {path}", calls);
        return new AndConstraint<GenericCollectionAssertions<RecordedRequest>>(assertions);
    }
}
