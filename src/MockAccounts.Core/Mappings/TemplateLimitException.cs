namespace MockAccounts.Core.Mappings;

/// <summary>A render of a response template broke one of its limits, or asked for what cannot be made (a date out of range).</summary>
public sealed class TemplateLimitException : Exception
{
    /// <summary>A render stopped for <paramref name="reason"/>.</summary>
    /// <param name="reason">What happened, naming the limit or the helper.</param>
    /// <param name="setting">The setting that gives the limit, or null when no setting can lift it.</param>
    public TemplateLimitException(string reason, string? setting)
        : base(reason) => Setting = setting;

    /// <summary>The setting that gives the limit that was broken, or null.</summary>
    public string? Setting { get; }
}
