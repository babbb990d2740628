using MockAccounts.Bench;

return args.FirstOrDefault() switch
{
    "fixture" => await FixtureCost.RunAsync(),
    "core" => await CoreCost.RunAsync(),
    "misses" => await CoreCost.MissesAsync(),
    "validators" => await ValidatorCost.RunAsync(),
    "caches" => await CacheCost.RunAsync(),
    "micro" => CoreBenchmarks.Run(args[1..]),
    "published" => await PublishedLoad.RunAsync(),
    "attacks" => await Attacks.RunAsync(args[1..]),
    "soak" => await Soak.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300_000),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/MockAccounts.Bench -- fixture | core | misses | validators | caches | micro | published | soak [requests] | attacks [memory|matching|templates|delays|regex] [label=server.dll ...]");
    return 2;
}
