using System.Text.Json.Nodes;
using MockAccounts.AspNetCore.Http;
using MockAccounts.Core.Responses;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>
/// An admin endpoint's refusal: the <see cref="Problem"/> as written everywhere else. It shows its
/// value, status and content type like the framework's results, so filters (<c>?pretty</c>) can re-render it.
/// </summary>
internal sealed class ProblemResult(Problem problem) : IResult, IValueHttpResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public Problem Problem { get; } = problem;

    public object Value => Problem.ToJsonObject();

    public int? StatusCode => Problem.Status;

    public string ContentType => Problem.ContentType;

    public Task ExecuteAsync(HttpContext httpContext) => Problems.Write(httpContext, Problem);
}
