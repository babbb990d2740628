namespace MockAccounts.AspNetCore;

/// <summary>The <c>MockAccounts:Mappings</c> section: where admin-made stub mappings are saved, and the bounds every mapping works within.</summary>
public sealed record MappingOptions
{
    /// <summary>Where <c>POST /__admin/mappings/save</c> writes the mappings made through the admin API; unset, saving is refused.</summary>
    public string? SaveFolder { get; init; }

    /// <summary>How long matching one vendor request against the stub mappings may take in all (regular expressions, JSONPath); past it the request is answered 500 naming this setting.</summary>
    public TimeSpan MatchBudget { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one admin query (<c>/__admin/requests/find</c>, <c>count</c>, <c>remove</c>, near misses, metadata) may spend matching; past it, 422 naming this setting.</summary>
    public TimeSpan QueryBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most characters of response template in one mapping made through the admin API (body and headers together); a larger one is refused with 400.</summary>
    public int MaxTemplateChars { get; set; } = Core.Mappings.TemplateLimits.Default.MaxTemplateChars;

    /// <summary>The most characters one render of a response template may produce (body and headers together); past it the request is answered 500 naming this setting.</summary>
    public int MaxRenderedChars { get; set; } = Core.Mappings.TemplateLimits.Default.MaxRenderedChars;

    /// <summary>The longest one render of a response template may take; past it the request is answered 500 naming this setting.</summary>
    public TimeSpan MaxRenderTime { get; set; } = Core.Mappings.TemplateLimits.Default.MaxRenderTime;

    /// <summary>The most stub mappings served at once (files and admin-made together); creating or importing past it is refused with 409.</summary>
    public int MaxCount { get; set; } = 10_000;
}
