namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// Holds a request that arrives while the contracts still load (the host listens from the start) until
/// they are in; once they are, a request passes with one read of the slot.
/// </summary>
internal sealed class WaitForContractsMiddleware
{
    private readonly RequestDelegate _next;
    private readonly RuntimeSlot _slot;

    public WaitForContractsMiddleware(RequestDelegate next, RuntimeSlot slot)
    {
        _next = next;
        _slot = slot;
    }

    public Task InvokeAsync(HttpContext context) => _slot.IsFilled ? _next(context) : WhenLoadedAsync(context);

    private async Task WhenLoadedAsync(HttpContext context)
    {
        await _slot.Filled.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        await _next(context).ConfigureAwait(false);
    }
}
