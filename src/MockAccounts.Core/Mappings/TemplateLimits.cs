namespace MockAccounts.Core.Mappings;

/// <summary>
/// Bounds on response templates: how large one may be when a mapping is made (compiling costs time and memory in
/// proportion), how much one render may write, and how long it may take. Each names its setting when broken.
/// </summary>
/// <param name="MaxTemplateChars">The most characters of template text in one mapping (body and headers together).</param>
/// <param name="MaxRenderedChars">The most characters one render of a mapping may produce (body and headers together).</param>
/// <param name="MaxRenderTime">The longest one render may take.</param>
public sealed record TemplateLimits(int MaxTemplateChars, int MaxRenderedChars, TimeSpan MaxRenderTime)
{
    /// <summary>64 K characters of template, 1 M characters of output, one second.</summary>
    public static readonly TemplateLimits Default = new(64 * 1024, 1024 * 1024, TimeSpan.FromSeconds(1));

    /// <summary>The setting <see cref="MaxTemplateChars"/> comes from.</summary>
    public string MaxTemplateCharsSetting { get; init; } = "MockAccounts:Mappings:MaxTemplateChars";

    /// <summary>The setting <see cref="MaxRenderedChars"/> comes from.</summary>
    public string MaxRenderedCharsSetting { get; init; } = "MockAccounts:Mappings:MaxRenderedChars";

    /// <summary>The setting <see cref="MaxRenderTime"/> comes from.</summary>
    public string MaxRenderTimeSetting { get; init; } = "MockAccounts:Mappings:MaxRenderTime";
}
