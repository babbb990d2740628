using MockAccounts.Tool;

return await ToolCommands.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
