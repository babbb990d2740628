using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace MockAccounts.Generators;

/// <summary>A catalogue name as a C# identifier: <c>quota-reached</c> → <c>QuotaReached</c>, <c>v2.7.0</c> → <c>V2_7_0</c>.</summary>
internal static class Identifier
{
    public static string From(string name)
    {
        var text = new StringBuilder(name.Length + 1);
        var upper = true;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                text.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else if (c == '-' || c == ' ' || c == '_')
            {
                upper = true;
            }
            else
            {
                text.Append('_');
                upper = true;
            }
        }

        if (text.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(text[0]))
        {
            text.Insert(0, '_');
        }

        var identifier = text.ToString();
        return SyntaxFacts.GetKeywordKind(identifier) == SyntaxKind.None ? identifier : "@" + identifier;
    }
}
