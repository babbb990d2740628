using System.Text.Json.Nodes;

namespace MockAccounts.Tool.Tests;

/// <summary>Bodies that keep the built-in contracts, for stand-ins to break one field at a time.</summary>
internal static class VendorBodies
{
    public const string UltravoxKey = "abcd1234.0123456789abcdef0123456789abcdef";

    public static JsonObject UltravoxAccount() => JsonNode.Parse("""
        {
          "accountId": "3f1c2a9e-7b4d-4e2a-9c1f-2b3d4e5f6a7b",
          "name": "Acme Voice Labs",
          "billingUrl": "https://app.ultravox.ai/billing",
          "freeTimeUsed": "812.345s",
          "freeTimeRemaining": "987.655s",
          "hasActiveSubscription": false,
          "subscriptionTier": null,
          "subscriptionCadence": null,
          "subscriptionExpiration": null,
          "subscriptionScheduledUpdate": null,
          "subscriptionRenewal": null,
          "activeCalls": 1,
          "allowedConcurrentCalls": 5,
          "allowedVoices": 1,
          "allowedCorpora": 1
        }
        """)!.AsObject();

    public static JsonObject UltravoxError() => new() { ["detail"] = "Authentication credentials were not provided." };

    public static JsonObject RunloopAccount() => JsonNode.Parse("""
        {
          "id": "acc_4f9X2kLm8QwErTyUiOp0aSdF",
          "name": "Initech Robotics",
          "created_at": "2025-03-14T09:26:53Z",
          "tier": "ACCOUNT_TIER_PRO",
          "account_status": "ACCOUNT_STATUS_ENABLED",
          "billing": {"account_billing_type": "STRIPE", "stripe": {"customer_id": "cus_A1b2C3d4E5f6G7", "active_subscription": null}},
          "stripe_customer_id": "cus_A1b2C3d4E5f6G7",
          "account_billing_type": "STRIPE"
        }
        """)!.AsObject();

    public static JsonObject RunloopError() => new() { ["message"] = "Unauthorized." };
}
