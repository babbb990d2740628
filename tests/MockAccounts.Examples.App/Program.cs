using System.Net;
using System.Text.Json;

// A team's own service: before it starts a paid job for a caller, it asks Runloop about the caller's account.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHttpClient("runloop", http => http.BaseAddress = new Uri(builder.Configuration["Runloop:BaseUrl"] ?? "https://api.runloop.ai/"));
var app = builder.Build();

app.MapGet("/jobs/can-start", async (HttpRequest request, IHttpClientFactory clients, CancellationToken cancellationToken) =>
{
    using var ask = new HttpRequestMessage(HttpMethod.Get, "v1/accounts/me");
    ask.Headers.Authorization = new("Bearer", request.Headers["X-Runloop-Key"].ToString());
    using var answer = await clients.CreateClient("runloop").SendAsync(ask, cancellationToken);
    if (answer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
    {
        return "no: credentials rejected";
    }

    if (!answer.IsSuccessStatusCode)
    {
        return $"later: runloop answered {(int)answer.StatusCode}";
    }

    using var account = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(cancellationToken));
    return account.RootElement.GetProperty("account_status").GetString() switch
    {
        "ACCOUNT_STATUS_ENABLED" => "yes",
        "ACCOUNT_STATUS_DISABLED_QUOTA_REACHED" => "no: quota reached",
        var status => $"no: {status}",
    };
});

app.MapPost("/jobs", async (HttpRequest request) => $"queued: {await new StreamReader(request.Body).ReadToEndAsync()}");

app.Run();

/// <summary>The entry point, for WebApplicationFactory.</summary>
public partial class Program;
