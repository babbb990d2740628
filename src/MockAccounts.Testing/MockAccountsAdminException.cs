using System.Text.Json;
using System.Text.Json.Nodes;

namespace MockAccounts.Testing;

/// <summary>The admin API refused a call; <see cref="Problem"/> is its problem+json body.</summary>
public sealed class MockAccountsAdminException : Exception
{
    /// <summary>A refusal without details.</summary>
    public MockAccountsAdminException() { }

    /// <summary>A refusal described by <paramref name="message"/>.</summary>
    public MockAccountsAdminException(string message) : base(message) { }

    /// <summary>A refusal caused by <paramref name="innerException"/>.</summary>
    public MockAccountsAdminException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The admin API's answer: its status and problem+json body (the message quotes its <c>detail</c>).</summary>
    public MockAccountsAdminException(int status, string problem)
        : base($"The MockAccounts admin API answered {status}: {Detail(problem)}")
    {
        Status = status;
        Problem = problem;
    }

    /// <summary>The HTTP status the admin API answered.</summary>
    public int Status { get; }

    /// <summary>The problem+json body, naming the valid options where there are any.</summary>
    public string Problem { get; } = "";

    private static string Detail(string problem)
    {
        try
        {
            return JsonNode.Parse(problem)?["detail"]?.GetValue<string>() ?? problem;
        }
        catch (JsonException)
        {
            return problem;
        }
    }
}
