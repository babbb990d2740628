using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MockAccounts.Examples;

/// <summary>What the gate decided about starting a job.</summary>
public abstract record GateDecision
{
    public sealed record Allowed : GateDecision;

    public sealed record Denied(string Reason) : GateDecision;

    public sealed record RetryLater(TimeSpan After, string Reason) : GateDecision;
}

/// <summary>
/// The code under test: a consumer that asks a vendor for the caller's account before it starts a
/// paid job. In production its HttpClient points at api.runloop.ai, api.depicta.ai or api.ultravox.ai.
/// </summary>
public sealed class AccountGate
{
    private readonly HttpClient _vendor;

    public AccountGate(HttpClient vendor) => _vendor = vendor;

    public async Task<GateDecision> RunloopAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _vendor.GetAsync("v1/accounts/me", cancellationToken);
        if (Refusal(response) is { } refusal)
        {
            return refusal;
        }

        var account = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return account.GetProperty("account_status").GetString() switch
        {
            "ACCOUNT_STATUS_ENABLED" => new GateDecision.Allowed(),
            "ACCOUNT_STATUS_DISABLED_QUOTA_REACHED" => new GateDecision.Denied("quota reached"),
            "ACCOUNT_STATUS_TRIAL_CANCELLED" => new GateDecision.Denied("trial cancelled"),
            "ACCOUNT_STATUS_ONBOARDING" or "ACCOUNT_STATUS_STRIPE_PENDING_RESOURCES" => new GateDecision.RetryLater(TimeSpan.FromMinutes(1), "account not ready"),
            var status => new GateDecision.Denied($"account status {status}"),
        };
    }

    public async Task<GateDecision> DepictaAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _vendor.GetAsync("v1/account/profile", cancellationToken);
        if (response.StatusCode is HttpStatusCode.PaymentRequired or HttpStatusCode.Forbidden)
        {
            var error = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return new GateDecision.Denied(error.GetProperty("error").GetString()!);
        }

        if (Refusal(response) is { } refusal)
        {
            return refusal;
        }

        var user = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("user");
        if (!user.GetProperty("email_verified").GetBoolean())
        {
            return new GateDecision.Denied("email not verified");
        }

        var balance = decimal.Parse(user.GetProperty("balance_eur").GetString()!, CultureInfo.InvariantCulture);
        return balance < 0.01m ? new GateDecision.Denied("zero balance") : new GateDecision.Allowed();
    }

    public async Task<GateDecision> UltravoxAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _vendor.GetAsync("api/accounts/me", cancellationToken);
        if (Refusal(response) is { } refusal)
        {
            return refusal;
        }

        var account = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!account.GetProperty("hasActiveSubscription").GetBoolean() && account.GetProperty("freeTimeRemaining").GetString() == "0s")
        {
            return new GateDecision.Denied("free time used up");
        }

        var cap = account.GetProperty("allowedConcurrentCalls");
        return cap.ValueKind == JsonValueKind.Number && account.GetProperty("activeCalls").GetInt32() >= cap.GetInt32()
            ? new GateDecision.RetryLater(TimeSpan.FromSeconds(30), "concurrency cap")
            : new GateDecision.Allowed();
    }

    private static GateDecision? Refusal(HttpResponseMessage response) => (int)response.StatusCode switch
    {
        401 or 403 => new GateDecision.Denied("credentials rejected"),
        429 => new GateDecision.RetryLater(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), "rate limited"),
        >= 500 => new GateDecision.RetryLater(TimeSpan.FromSeconds(5), "vendor unavailable"),
        _ => null,
    };
}
