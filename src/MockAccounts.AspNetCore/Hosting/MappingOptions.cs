namespace MockAccounts.AspNetCore.Hosting;

/// <summary>The <c>MockAccounts:Mappings</c> section.</summary>
public sealed record MappingOptions
{
    /// <summary>Where <c>POST /__admin/mappings/save</c> writes the mappings made through the admin API; unset, saving is refused.</summary>
    public string? SaveFolder { get; init; }
}
