using System.Globalization;
using System.Net;

namespace OrleansQr.Bench;

/// <summary>Runs every configuration against every workload, then the microbenchmarks.</summary>
public sealed class Runner(BenchOptions options, IProgressView view, string logDir)
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<BenchRun> RunAsync(BenchRun run, CancellationToken cancellationToken)
    {
        foreach (var id in options.Configurations)
        {
            var config = BenchConfiguration.All.Single(c => c.Id == id);
            var backend = config.Kind is ServerKind.Embedded or ServerKind.Cluster ? config.Backend ?? BestTier(run) : null;
            if (config.Backend is null && backend is not null) run.BestTier = backend;
            string? skipReason = null;
            RunningServer? shared = null; // with --restart configuration: one server for every workload
            try
            {
            foreach (var workload in options.Workloads)
            {
                var result = new RunResult
                {
                    Configuration = id,
                    Workload = workload,
                    Backend = backend,
                    Label = config.Label(backend),
                    LogFile = Path.GetRelativePath(options.RepoRoot, Path.Combine(logDir, $"{id}.*.log")),
                };
                run.Results.Add(result);
                if (skipReason is not null)
                {
                    Fail(result, $"skipped: {skipReason}");
                    continue;
                }

                try
                {
                    if (options.RestartPerWorkload)
                    {
                        await using var server = await StartReadyAsync(config, backend, workload, result, cancellationToken);
                        await MeasureAsync(server, config, workload, result, cancellationToken);
                    }
                    else
                    {
                        if (shared?.Exited() is not null)
                        {
                            await shared.DisposeAsync();
                            shared = null;
                        }

                        var fresh = shared is null;
                        shared ??= await StartReadyAsync(config, backend, workload, result, cancellationToken);
                        result.IdleRssBytes = TreeSampler.CurrentRss(shared.Processes);
                        await MeasureAsync(shared, config, workload, result, cancellationToken, fresh);
                    }

                    view.Done(id, workload, result);
                }
                catch (BenchFailure e)
                {
                    Fail(result, e.Message);
                    // A configuration that never became ready will not for the next workload either.
                    if (e.Message.StartsWith("not ready", StringComparison.Ordinal) || e.Message.Contains("while waiting", StringComparison.Ordinal))
                    {
                        skipReason = $"{id} did not start for {workload}";
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    await File.AppendAllTextAsync(Path.Combine(logDir, "runner-errors.log"), $"{id}/{workload}: {e}\n", CancellationToken.None);
                    Fail(result, $"{e.GetType().Name}: {e.Message}");
                }
            }
            }
            finally
            {
                if (shared is not null) await shared.DisposeAsync();
            }
        }

        run.BestTier ??= BestTier(run);
        if (options.Micro)
        {
            run.Micro = new MicroResults();
            view.Set("micro", "BenchmarkDotNet over the .NET tiers");
            var (dotnet, error) = await Micro.RunDotnetAsync(options, logDir, Path.Combine(logDir, "benchmarkdotnet.log"), cancellationToken);
            (run.Micro.Dotnet, run.Micro.DotnetError) = (dotnet, error);
            view.Set("micro", "the Rust core crate's bench");
            run.Micro.Rust = await Micro.RunRustAsync(options, Path.Combine(logDir, "rust-bench.log"), cancellationToken);
            view.Set("micro", "done");
        }

        return run;

        void Fail(RunResult result, string reason)
        {
            result.Failed = true;
            result.Failure = reason;
            view.Done(result.Configuration, result.Workload, result);
        }
    }

    /// <summary>Starts the configuration and waits until it answers; stops it again when it does not.</summary>
    private async Task<RunningServer> StartReadyAsync(BenchConfiguration config, string? backend, string workload, RunResult result,
        CancellationToken cancellationToken)
    {
        view.Set(config.Id, workload, "starting", null);
        var server = await RunningServer.StartAsync(config, backend, options, Path.Combine(logDir, config.Id), cancellationToken);
        try
        {
            await WaitReadyAsync(server, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        result.IdleRssBytes = TreeSampler.CurrentRss(server.Processes);
        return server;
    }

    /// <summary>Warm up, measure the response size, load while sampling memory: one cell of the tables.</summary>
    private async Task MeasureAsync(RunningServer server, BenchConfiguration config, string workload, RunResult result, CancellationToken cancellationToken,
        bool fresh = true)
    {
        var wrkLog = Path.Combine(logDir, $"{config.Id}.wrk.log");

        // A server that has just started gets at least 3 s, so the JIT has compiled its hot path (QUICK's 1 s is too short for that).
        var warmup = options.WarmupSeconds > 0 && fresh ? Math.Max(options.WarmupSeconds, 3) : options.WarmupSeconds;
        if (warmup > 0)
        {
            view.Set(config.Id, workload, "warm-up", TimeSpan.FromSeconds(warmup));
            await Wrk.RunAsync(options, server, workload, warmup, RunPrefix(), wrkLog, cancellationToken);
        }

        var (meanBytes, problems) = await server.SampleResponseSizesAsync(Workload.Get(workload).SampleTexts(RunPrefix()));
        result.AvgResponseBytes = meanBytes;
        if (problems.Count > 0) result.Notes.Add($"response-size sample: {string.Join(", ", problems.Take(3))}");

        view.Set(config.Id, workload, "load", TimeSpan.FromSeconds(options.DurationSeconds));
        WrkReport report;
        await using (var sampler = new TreeSampler(server.Processes, TimeSpan.FromMilliseconds(250)))
        {
            // The mixed workload's seed is fixed, so every configuration sees the same sequence of texts.
            var arg = workload == "mixed" ? "20261204" : RunPrefix();
            try
            {
                report = await Wrk.RunAsync(options, server, workload, options.DurationSeconds, arg, wrkLog, cancellationToken);
            }
            finally
            {
                await sampler.DisposeAsync();
                result.PeakRssBytes = sampler.PeakRssBytes;
                result.PeakRssByRole = sampler.PeakRssByRole;
                result.CpuSecondsByRole = sampler.CpuSecondsByRole;
                result.RssSamples = sampler.Samples;
                result.LoadGeneratorCpuSeconds = sampler.RunnerAndWrkSeconds;
                var seconds = options.DurationSeconds;
                result.BackgroundCores = Math.Max(0, sampler.MachineBusySeconds - sampler.RunnerAndWrkSeconds - sampler.CpuSecondsByRole.Values.Sum()) / seconds;
            }
        }

        Fill(result, report);
        var good = result.Throughput * result.DurationSeconds;
        result.CpuMsPerResponse = good > 0 ? result.CpuSecondsByRole.Values.Sum() * 1000 / good : 0;
        if (server.Exited() is { } crashed)
        {
            throw new BenchFailure($"{crashed} during the load");
        }

        view.Set(config.Id, workload, "stopping", null);
    }

    private async Task WaitReadyAsync(RunningServer server, CancellationToken cancellationToken)
    {
        // Ready when /healthz and a real /qrcode request both answer 200. A server whose /healthz is
        // fine but whose /qrcode keeps failing (a missing backend) is reported with its answer.
        var deadline = DateTime.UtcNow + options.ReadyTimeout;
        DateTime? healthySince = null;
        var lastAnswer = "no answer";
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (server.Exited() is { } reason) throw new BenchFailure($"{reason} while waiting for it to answer: {Tail(server)}");
            var health = await GetAsync(server.BaseUrl + "/healthz");
            if (health.Status == HttpStatusCode.OK)
            {
                healthySince ??= DateTime.UtcNow;
                var qr = await GetAsync(server.BaseUrl + "/qrcode?text=warmup");
                if (qr.Status == HttpStatusCode.OK) return;
                lastAnswer = qr.Status is null ? qr.Body : $"{(int)qr.Status} {qr.Body}";
                // A cluster's client may need some seconds after /healthz to reach the silos; one process does not.
                if (DateTime.UtcNow - healthySince > TimeSpan.FromSeconds(server.Processes.Count > 1 ? 30 : 10))
                {
                    throw new BenchFailure($"not ready: /healthz answers 200 but GET /qrcode?text=warmup answers {lastAnswer}");
                }
            }
            else
            {
                lastAnswer = health.Status is null ? health.Body : $"/healthz {(int)health.Status}";
            }

            if (DateTime.UtcNow > deadline) throw new BenchFailure($"not ready after {options.ReadyTimeout.TotalSeconds:0} s ({lastAnswer})");
            await Task.Delay(250, cancellationToken);
        }
    }

    private static async Task<(HttpStatusCode? Status, string Body)> GetAsync(string url)
    {
        try
        {
            using var response = await Http.GetAsync(url);
            var body = response.Content.Headers.ContentType?.MediaType?.StartsWith("text", StringComparison.Ordinal) == true
                ? (await response.Content.ReadAsStringAsync()).Trim()
                : "";
            return (response.StatusCode, body.Length > 160 ? body[..160] : body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (null, e.GetType().Name);
        }
    }

    private static string Tail(RunningServer server) =>
        string.Join(" | ", server.Processes.Where(p => p.HasExited).Select(p => p.LogTail(3).Replace('\n', ' ')));

    private static void Fill(RunResult result, WrkReport report)
    {
        var seconds = report.DurationUs / 1e6;
        result.DurationSeconds = seconds;
        result.Requests = report.Requests;
        result.Non2xx = report.Errors.Status;
        result.SocketErrors = report.Errors.Socket;
        result.Timeouts = report.Errors.Timeout;
        result.AllResponsesPerSecond = seconds > 0 ? report.Requests / seconds : 0;
        result.Throughput = seconds > 0 ? Math.Max(0, report.Requests - report.Errors.Status) / seconds : 0;
        result.AvgLatencyMs = report.LatencyUs.Mean / 1000;
        result.P50LatencyMs = report.LatencyUs.P50 / 1000.0;
        result.P90LatencyMs = report.LatencyUs.P90 / 1000.0;
        result.P99LatencyMs = report.LatencyUs.P99 / 1000.0;
        result.MaxLatencyMs = report.LatencyUs.Max / 1000.0;
        result.WireBytesPerResponse = report.Requests > 0 ? (double)report.Bytes / report.Requests : 0;
        if (report.Requests == 0) throw new BenchFailure("no response in the measured load");
        if (result.Throughput == 0) throw new BenchFailure($"every response failed ({report.Errors.Status:N0} with status ≥ 400)");
    }

    /// <summary>The in-process tier with the highest cold (else hot, else mixed) throughput so far; native when none ran.</summary>
    public static string BestTier(BenchRun run)
    {
        foreach (var workload in new[] { "cold", "hot", "mixed" })
        {
            var best = run.Results
                .Where(r => r.Workload == workload && !r.Failed && BenchConfiguration.Tiers.Contains(r.Configuration))
                .MaxBy(r => r.Throughput);
            if (best is not null) return best.Configuration;
        }

        return "native";
    }

    private static string RunPrefix() => Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLower(CultureInfo.InvariantCulture);
}
