using MockAccounts.Server.Hosting;

return await MockAccountsHost.RunAsync(args);
