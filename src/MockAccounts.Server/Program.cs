using MockAccounts.AspNetCore.Hosting;

return await MockAccountsHost.RunAsync(args);
