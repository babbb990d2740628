using System.CommandLine;
using MockAccounts.Tool;

// Signals are left to the host behind `serve`, as in the server: SIGTERM or Ctrl+C stops it within its shutdown
// timeout, exit 0. System.CommandLine's own handler would take the signal first and hold it for its 2 s timeout
// waiting on an action that never hears of it, then end the process with exit 143 (a stop of 2 to 4 s, requests cut).
return await ToolCommands.InvokeAsync(args, new InvocationConfiguration { ProcessTerminationTimeout = null }).ConfigureAwait(false);
