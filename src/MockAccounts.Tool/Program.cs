using MockAccounts.Tool;

return await ToolCommands.InvokeAsync(args).ConfigureAwait(false);
