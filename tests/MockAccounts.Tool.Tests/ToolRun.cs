using System.CommandLine;

namespace MockAccounts.Tool.Tests;

/// <summary>The <c>mockaccounts</c> command run in-process, as the installed tool runs it.</summary>
internal static class ToolRun
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ToolCommands.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = error }, cancellationToken: TestContext.CurrentContext.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }
}
