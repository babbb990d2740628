namespace MockAccounts.Core.Generation;

/// <summary>Text built from a template with random placeholders, e.g. <c>cus_{alnum:14}</c>.</summary>
/// <param name="Template">The parsed template.</param>
public sealed record TemplateHint(TemplateText Template) : Hint;
