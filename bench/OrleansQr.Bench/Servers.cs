using System.Net;

namespace OrleansQr.Bench;

/// <summary>The processes of one configuration, started on free loopback ports.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    private RunningServer(int port, IReadOnlyList<ServerProcess> processes)
    {
        Port = port;
        Processes = processes;
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>In start order; stopped in reverse (the API before the silos before Redis).</summary>
    public IReadOnlyList<ServerProcess> Processes { get; }

    /// <summary>Starts the configuration; returns once every process is started (not yet ready).</summary>
    public static async Task<RunningServer> StartAsync(BenchConfiguration config, string? backend, BenchOptions options, string logPrefix,
        CancellationToken cancellationToken)
    {
        var port = Ports.Free();
        var processes = new List<ServerProcess>();
        try
        {
            switch (config.Kind)
            {
                case ServerKind.Node:
                    processes.Add(ServerProcess.Start("node", "node", [Path.Combine(options.BenchDir, "peers", "node", "server.js")],
                        Path.Combine(options.BenchDir, "peers", "node"),
                        new Dictionary<string, string> { ["PORT"] = $"{port}", ["HOST"] = "127.0.0.1", ["NODE_ENV"] = "production" }, $"{logPrefix}.node.log"));
                    break;

                case ServerKind.QrServer:
                    processes.Add(ServerProcess.Start("qr-server", Path.Combine(options.NativeRelease, "qr-server"),
                        ["--host", "127.0.0.1", "--port", $"{port}"], options.RepoRoot, new Dictionary<string, string>(), $"{logPrefix}.qr-server.log"));
                    break;

                case ServerKind.Embedded:
                    processes.Add(ServerProcess.Start("api+silo", "dotnet", ApiArgs(options, port), options.ApiDir,
                        new Dictionary<string, string>(QrSettings(backend!, config.Cache))
                        {
                            ["Cluster__SiloPort"] = $"{Ports.Free()}",
                            ["Cluster__GatewayPort"] = $"{Ports.Free()}",
                        }, $"{logPrefix}.api+silo.log"));
                    break;

                case ServerKind.Cluster:
                    await StartClusterAsync(config, backend!, options, port, logPrefix, processes, cancellationToken);
                    break;
            }
        }
        catch
        {
            await StopAllAsync(processes);
            throw;
        }

        return new RunningServer(port, processes);
    }

    private static async Task StartClusterAsync(BenchConfiguration config, string backend, BenchOptions options, int port, string logPrefix,
        List<ServerProcess> processes, CancellationToken cancellationToken)
    {
        var redisPort = Ports.Free();
        processes.Add(ServerProcess.Start("redis", "redis-server",
            ["--bind", "127.0.0.1", "--port", $"{redisPort}", "--save", "", "--appendonly", "no", "--loglevel", "warning"],
            options.RepoRoot, new Dictionary<string, string>(), $"{logPrefix}.redis.log"));
        await WaitAsync(() => Ports.AcceptsAsync(redisPort), processes, TimeSpan.FromSeconds(10), "redis-server", cancellationToken);

        var cluster = new Dictionary<string, string>
        {
            ["ConnectionStrings__redis"] = $"127.0.0.1:{redisPort}",
            ["Cluster__ClusterId"] = $"bench-{Guid.NewGuid():N}"[..14],
        };
        var gateways = new List<int>();
        for (var i = 0; i < config.Silos; i++)
        {
            var gateway = Ports.Free();
            gateways.Add(gateway);
            processes.Add(ServerProcess.Start($"silo{i}", "dotnet",
                [Path.Combine(options.SiloDir, "OrleansQr.Silo.dll"), "--contentRoot", options.SiloDir], options.SiloDir,
                new Dictionary<string, string>(cluster.Concat(QrSettings(backend, config.Cache)))
                {
                    ["Cluster__SiloPort"] = $"{Ports.Free()}",
                    ["Cluster__GatewayPort"] = $"{gateway}",
                }, $"{logPrefix}.silo{i}.log"));
        }

        // A client learns the gateways from the membership table when it starts, and keeps a grain key
        // on the gateway it first used: start the API only when every silo is Active there (a silo
        // opens its gateway port before that), or all the work stays on the first silo.
        foreach (var gateway in gateways)
        {
            await WaitAsync(() => Ports.AcceptsAsync(gateway), processes, options.ReadyTimeout, $"silo gateway :{gateway}", cancellationToken);
        }

        var membership = $"orleansqr/members/{cluster["Cluster__ClusterId"]}"; // ServiceId/members/ClusterId
        await WaitAsync(async () => await ActiveSilosAsync(redisPort, membership, cancellationToken) >= config.Silos, processes, options.ReadyTimeout,
            $"{config.Silos} silos Active in the membership table", cancellationToken);

        processes.Add(ServerProcess.Start("api", "dotnet", ApiArgs(options, port), options.ApiDir,
            new Dictionary<string, string>(cluster.Concat(QrSettings(backend, config.Cache))) { ["Cluster__Mode"] = "Client" }, $"{logPrefix}.api.log"));
    }

    /// <summary>Entries with Status 3 (Active) in the Redis membership hash of Orleans.Clustering.Redis.</summary>
    private static async Task<int> ActiveSilosAsync(int redisPort, string key, CancellationToken cancellationToken)
    {
        var output = await Tool.RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", $"{redisPort}", "--raw", "HVALS", key], "/", TimeSpan.FromSeconds(5), cancellationToken);
        return output.Stdout.Split('\n').Count(line => line.Contains("\"Status\":3", StringComparison.Ordinal));
    }

    private static string[] ApiArgs(BenchOptions options, int port) =>
        [Path.Combine(options.ApiDir, "OrleansQr.Api.dll"), "--contentRoot", options.ApiDir, "--urls", $"http://127.0.0.1:{port}"];

    private static Dictionary<string, string> QrSettings(string backend, bool cache) => new()
    {
        ["Qr__Backend"] = backend,
        ["Qr__Cache__Enabled"] = cache ? "true" : "false",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };

    /// <summary>Ready when /healthz and a real /qrcode request both answer 200.</summary>
    public Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitAsync(async () => await StatusAsync("/healthz") == HttpStatusCode.OK && await StatusAsync("/qrcode?text=warmup") == HttpStatusCode.OK,
            Processes, timeout, "GET /healthz and /qrcode?text=warmup to answer 200", cancellationToken);

    private async Task<HttpStatusCode?> StatusAsync(string path)
    {
        try
        {
            using var response = await Http.GetAsync(BaseUrl + path);
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>GETs each text once; the mean PNG size of the 200s and the statuses of the rest.</summary>
    public async Task<(double? MeanBytes, List<string> Problems)> SampleResponseSizesAsync(IEnumerable<string> texts)
    {
        var sizes = new List<int>();
        var problems = new List<string>();
        foreach (var text in texts)
        {
            try
            {
                using var response = await Http.GetAsync($"{BaseUrl}/qrcode?text={Uri.EscapeDataString(text)}");
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode == HttpStatusCode.OK) sizes.Add(body.Length);
                else problems.Add($"{(int)response.StatusCode} for {text}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                problems.Add($"{e.GetType().Name} for {text}");
            }
        }

        return (sizes.Count > 0 ? sizes.Average() : null, problems);
    }

    /// <summary>The first process that exited, as a reason, or null while all run.</summary>
    public string? Exited() => Exited(Processes);

    private static string? Exited(IReadOnlyList<ServerProcess> processes) =>
        processes.FirstOrDefault(p => p.HasExited) is { } dead ? $"{dead.Role} (pid {dead.Pid}) exited with code {dead.ExitCode}" : null;

    private static async Task WaitAsync(Func<Task<bool>> condition, IReadOnlyList<ServerProcess> processes, TimeSpan timeout, string what,
        CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Exited(processes) is { } reason) throw new BenchFailure($"{reason} while waiting for {what}");
            if (await condition()) return;
            if (DateTime.UtcNow > deadline) throw new BenchFailure($"not ready after {timeout.TotalSeconds:0} s: waited for {what}");
            await Task.Delay(250, cancellationToken);
        }
    }

    private static async Task StopAllAsync(IEnumerable<ServerProcess> processes)
    {
        foreach (var process in processes.Reverse())
        {
            await process.StopAsync(TimeSpan.FromSeconds(15));
        }
    }

    public async ValueTask DisposeAsync() => await StopAllAsync(Processes);
}

/// <summary>A configuration that could not be measured; the message goes in the report.</summary>
public sealed class BenchFailure(string message) : Exception(message);
