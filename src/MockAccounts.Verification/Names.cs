using System.Text;

namespace MockAccounts.Verification;

/// <summary>How reports spell enum members: kebab case, as the command line and JSON reports name them.</summary>
public static class Names
{
    /// <summary><c>UnknownProperty</c> → <c>unknown-property</c>.</summary>
    /// <param name="name">A PascalCase name.</param>
    public static string Kebab(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    /// <summary>A request mode as reports write it.</summary>
    /// <param name="mode">The mode.</param>
    public static string Of(RequestMode mode) => Kebab(mode.ToString());

    /// <summary>A check as reports write it.</summary>
    /// <param name="aspect">The aspect.</param>
    public static string Of(CheckAspect aspect) => Kebab(aspect.ToString());

    /// <summary>An outcome as reports write it.</summary>
    /// <param name="outcome">The outcome.</param>
    public static string Of(CheckOutcome outcome) => Kebab(outcome.ToString());

    /// <summary>Parses a request mode's report name.</summary>
    /// <param name="name">E.g. <c>with-credential</c>.</param>
    public static RequestMode? Mode(string? name) =>
        Enum.GetValues<RequestMode>().Select(m => (RequestMode?)m).FirstOrDefault(m => Of(m!.Value) == name);
}
