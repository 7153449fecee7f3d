using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OrleansQr.Bench;

/// <summary>The Markdown report: the study's two tables per workload, targets, microbenchmarks, notes.</summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Markdown(BenchRun run, string chartFileName, string? rankingNote)
    {
        var md = new StringBuilder();
        var m = run.Machine;
        md.AppendLine($"# OrleansQr benchmark — {run.Date[..16].Replace('T', ' ')} UTC{(run.Quick ? " (QUICK smoke run)" : "")}");
        md.AppendLine();
        md.AppendLine($"- **Machine**: {m.Cores} cores, {m.CpuModel}, {m.MemoryGiB.ToString(Inv)} GiB; {m.Os} (Linux {m.Kernel}); host `{m.Host}`; load average at start {m.LoadAverageAtStart}");
        md.AppendLine($"- **Software**: {m.Dotnet}; {m.Rust}; Node.js {m.Node}; {m.Wrk.Split(" Copyright")[0]}");
        md.AppendLine($"- **Command**: `{run.Command}`");
        md.AppendLine($"- **Load**: wrk `-t{run.Threads} -c{run.Connections} -d{run.DurationSeconds}s --latency` after {run.WarmupSeconds} s of warm-up, against a freshly started server for every {(run.RestartPerWorkload ? "configuration and workload" : "configuration (its workloads in turn)")}; traffic on 127.0.0.1 only");
        md.AppendLine($"- **Date**: {run.Date}; wall time {Duration(run.WallSeconds)}");
        md.AppendLine();
        md.AppendLine($"![Throughput and p99 latency per configuration and workload]({chartFileName})");
        md.AppendLine();
        md.AppendLine("Throughput counts responses with status < 400 per second. Avg response is the mean PNG size over a sample of the workload's texts; " +
                      "Memory the peak RSS of every process the configuration started and their descendants (a child not yet exec'd shares its parent's pages and is left out), sampled every 250 ms during the measured load. " +
                      "See bench/README.md for the configurations and workloads.");
        md.AppendLine();

        foreach (var workload in run.Workloads)
        {
            var w = Workload.Get(workload);
            md.AppendLine($"## {workload}: {w.Description}");
            md.AppendLine();
            md.Append(AbsoluteTable(run, workload));
            md.AppendLine();
            md.Append(RelativeTable(run, workload));
            md.AppendLine();
        }

        md.Append(CpuTable(run));
        md.Append(Targets(run));
        md.Append(MicroSection(run));
        md.Append(Notes(run, rankingNote));
        return md.ToString();
    }

    public static string AbsoluteTable(BenchRun run, string workload)
    {
        var md = new StringBuilder();
        md.AppendLine("| Tier | Throughput | Avg latency | p99 latency | Avg response | Memory | Non-2xx / socket errors |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|");
        foreach (var r in Rows(run, workload))
        {
            if (r.Failed)
            {
                md.AppendLine($"| {r.Label} | **failed**: {Escape(Shorten(r.Failure, 90))} (see Notes) | – | – | – | – | – |");
                continue;
            }

            md.AppendLine($"| {r.Label} | {r.Throughput.ToString("N0", Inv)} req/s | {Ms(r.AvgLatencyMs)} | {Ms(r.P99LatencyMs)} | {Bytes(r.AvgResponseBytes)} | {Mib(r.PeakRssBytes)} | {r.Non2xx.ToString("N0", Inv)} / {r.SocketErrors.ToString("N0", Inv)} |");
        }

        return md.ToString();
    }

    public static string RelativeTable(BenchRun run, string workload)
    {
        var md = new StringBuilder();
        var node = run.Results.FirstOrDefault(r => r.Configuration == "node" && r.Workload == workload);
        if (node is null || node.Failed)
        {
            md.AppendLine($"Relative to the Node.js baseline: no baseline ({(node is null ? "not run" : "it failed")}).");
            return md.ToString();
        }

        md.AppendLine("Relative to the Node.js baseline (×; throughput higher is better, the rest lower):");
        md.AppendLine();
        md.AppendLine("| Tier | Throughput | Avg latency | p99 latency | Avg response | Memory |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|");
        foreach (var r in Rows(run, workload))
        {
            if (r.Failed)
            {
                md.AppendLine($"| {r.Label} | failed | – | – | – | – |");
                continue;
            }

            md.AppendLine($"| {r.Label} | {Ratio(r.Throughput, node.Throughput)} | {Ratio(r.AvgLatencyMs, node.AvgLatencyMs)} | {Ratio(r.P99LatencyMs, node.P99LatencyMs)} | {Ratio(r.AvgResponseBytes, node.AvgResponseBytes)} | {Ratio(r.PeakRssBytes, node.PeakRssBytes)} |");
        }

        return md.ToString();
    }

    /// <summary>Where the time goes: server CPU per response, every configuration × workload.</summary>
    private static string CpuTable(BenchRun run)
    {
        var md = new StringBuilder();
        md.AppendLine("## Server CPU time per response, and background load");
        md.AppendLine();
        md.AppendLine("CPU time (user + system) of every process the configuration started, over the measured load, per response with status < 400. " +
                      "The encoders alone take the microbenchmarks' time below; the rest is HTTP, Orleans and the cache.");
        md.AppendLine();
        md.AppendLine($"| Tier | {string.Join(" | ", run.Workloads)} |");
        md.AppendLine($"|---|{string.Concat(run.Workloads.Select(_ => "--:|"))}");
        foreach (var config in run.Configurations)
        {
            var cells = run.Workloads.Select(w => run.Results.FirstOrDefault(r => r.Configuration == config && r.Workload == w))
                .Select(r => r is null || r.Failed || r.CpuMsPerResponse <= 0 ? "–" : $"{(r.CpuMsPerResponse * 1000).ToString("N0", Inv)} µs");
            var label = run.Results.FirstOrDefault(r => r.Configuration == config)?.Label ?? config;
            md.AppendLine($"| {label} | {string.Join(" | ", cells)} |");
        }

        md.AppendLine();
        md.AppendLine($"Background load: cores kept busy by processes outside the benchmark during each measured load ({run.Machine.Cores} in all; " +
                      "wrk and the runner took the rest). Above 0.25 the cell was measured on a busy machine and may rank differently in another run.");
        md.AppendLine();
        md.AppendLine($"| Tier | {string.Join(" | ", run.Workloads)} |");
        md.AppendLine($"|---|{string.Concat(run.Workloads.Select(_ => "--:|"))}");
        foreach (var config in run.Configurations)
        {
            var cells = run.Workloads.Select(w => run.Results.FirstOrDefault(r => r.Configuration == config && r.Workload == w))
                .Select(r => r is null || r.Failed ? "–" : r.BackgroundCores > 0.25 ? $"**{r.BackgroundCores.ToString("0.00", Inv)}**" : r.BackgroundCores.ToString("0.00", Inv));
            var label = run.Results.FirstOrDefault(r => r.Configuration == config)?.Label ?? config;
            md.AppendLine($"| {label} | {string.Join(" | ", cells)} |");
        }

        md.AppendLine();
        return md.ToString();
    }

    private static IEnumerable<RunResult> Rows(BenchRun run, string workload) =>
        run.Configurations.Select(c => run.Results.FirstOrDefault(r => r.Configuration == c && r.Workload == workload)).OfType<RunResult>();

    private static RunResult? Find(BenchRun run, string config, string workload) =>
        run.Results.FirstOrDefault(r => r.Configuration == config && r.Workload == workload && !r.Failed);

    /// <summary>DESIGN.md's targets, each checked against this run where it measured what it needs.</summary>
    private static string Targets(BenchRun run)
    {
        var rows = new List<(string Target, string Measured, bool? Met)>();
        var rust = run.Micro?.Rust;
        if (rust?.MicrosPerQr is { } us && rust.AveragePngBytes is { } bytes)
        {
            rows.Add(("core crate encode, one core, the 10 texts: ≤ 60 µs per QR, ≤ 389 B", $"{us.ToString("0.0", Inv)} µs, {bytes.ToString("0", Inv)} B", us <= 60 && bytes <= 389));
        }

        var nodeHot = Find(run, "node", "hot");
        var cachedHot = Find(run, "cached", "hot");
        if (nodeHot is not null && cachedHot is not null)
        {
            double t = cachedHot.Throughput / nodeHot.Throughput, p = cachedHot.P99LatencyMs / nodeHot.P99LatencyMs;
            rows.Add(($"hot, embedded with the cache ({cachedHot.Backend}): ≥ 20× Node's throughput, p99 ≤ 0.1× Node's",
                $"{t.ToString("0.0", Inv)}× throughput, {p.ToString("0.000", Inv)}× p99", t >= 20 && p <= 0.1));
        }

        var bestCold = run.BestTier is { } best ? Find(run, best, "cold") : null;
        var qrServerCold = Find(run, "qr-server", "cold");
        if (bestCold is not null && qrServerCold is not null)
        {
            var t = bestCold.Throughput / qrServerCold.Throughput;
            rows.Add(($"cold, best tier ({run.BestTier}): ≥ 0.7× qr-server's throughput", $"{t.ToString("0.00", Inv)}×", t >= 0.7));
        }

        var memory = run.Workloads
            .Select(w => (Node: Find(run, "node", w), Cached: Find(run, "cached", w)))
            .Where(x => x.Node is not null && x.Cached is not null)
            .Select(x => (double)x.Cached!.PeakRssBytes / x.Node!.PeakRssBytes)
            .ToList();
        if (memory.Count > 0)
        {
            rows.Add(("memory under load, API + silo (embedded, cache): ≤ 0.5× Node's peak RSS", $"{memory.Max().ToString("0.00", Inv)}× (worst workload)", memory.Max() <= 0.5));
        }

        var clusterCold = Find(run, "cluster", "cold");
        if (clusterCold is not null)
        {
            var silos = clusterCold.CpuSecondsByRole.Where(kv => kv.Key.StartsWith("silo", StringComparison.Ordinal)).ToList();
            var total = silos.Sum(kv => kv.Value);
            if (total > 0)
            {
                var shares = silos.Select(kv => kv.Value / total).ToList();
                rows.Add(("2 silos, cold: each silo does ≥ 40% of the encoding (CPU time of each silo process)",
                    string.Join(", ", silos.Select(kv => $"{kv.Key} {(kv.Value / total * 100).ToString("0", Inv)}%")), shares.Min() >= 0.4));
            }
        }

        var md = new StringBuilder();
        md.AppendLine("## Targets (DESIGN.md)");
        md.AppendLine();
        if (rows.Count == 0)
        {
            md.AppendLine("This run measured none of the targets' inputs.");
        }
        else
        {
            md.AppendLine("| Target | Measured | Met |");
            md.AppendLine("|---|---|:-:|");
            foreach (var (target, measured, met) in rows) md.AppendLine($"| {target} | {measured} | {(met == true ? "yes" : "**no**")} |");
        }

        md.AppendLine();
        return md.ToString();
    }

    private static string MicroSection(BenchRun run)
    {
        var md = new StringBuilder();
        md.AppendLine("## Microbenchmarks: one QR code of the study's 10 URLs, one thread");
        md.AppendLine();
        if (run.Micro is null)
        {
            md.AppendLine("Not run (`BENCH_MICRO=0`).");
            md.AppendLine();
            return md.ToString();
        }

        md.AppendLine("| Encoder | µs per QR | Allocated per QR (.NET) | Avg PNG |");
        md.AppendLine("|---|--:|--:|--:|");
        if (run.Micro.Dotnet is { } dotnet)
        {
            foreach (var t in dotnet.Tiers)
            {
                var label = $"{BenchConfiguration.TierNumber(t.Backend)} · {t.Backend} (.NET, BenchmarkDotNet)";
                md.AppendLine(t.Error is not null || t.MicrosPerQr is null
                    ? $"| {label} | **failed**: {Escape(t.Error ?? "no result")} | – | {Bytes(t.AveragePngBytes)} |"
                    : $"| {label} | {t.MicrosPerQr.Value.ToString("0.0", Inv)} ± {(t.ErrorMicros ?? 0).ToString("0.0", Inv)} | {(t.AllocatedBytesPerQr ?? 0).ToString("N0", Inv)} B | {Bytes(t.AveragePngBytes)} |");
            }
        }
        else
        {
            md.AppendLine($"| .NET tiers (BenchmarkDotNet) | **failed**: {Escape(run.Micro.DotnetError)} | – | – |");
        }

        var rust = run.Micro.Rust;
        md.AppendLine(rust is null || rust.Error is not null
            ? $"| Rust core crate (`qr-core`, examples/bench.rs) | **failed**: {Escape(rust?.Error ?? "not run")} | – | – |"
            : $"| Rust core crate (`qr-core`, examples/bench.rs) | {rust.MicrosPerQr!.Value.ToString("0.0", Inv)} | – | {Bytes(rust.AveragePngBytes)} |");
        md.AppendLine();
        md.AppendLine($"BenchmarkDotNet runs in-process{(run.Micro.Dotnet?.Quick == true ? " with a short job (QUICK)" : "")}, MemoryDiagnoser on; ± is the standard error. " +
                      "The cli tier's time includes starting a process per QR code. The .NET tiers' time includes their managed wrapper.");
        md.AppendLine();
        return md.ToString();
    }

    private static string Notes(BenchRun run, string? rankingNote)
    {
        var md = new StringBuilder();
        md.AppendLine("## Notes");
        md.AppendLine();
        md.AppendLine($"- Best in-process tier of this run (highest cold throughput with the cache off): **{run.BestTier ?? "n/a"}**; the cache and cluster rows use it.");
        if (rankingNote is not null) md.AppendLine($"- Ranking against the previous run: {rankingNote}");
        foreach (var r in run.Results.Where(r => r.Configuration == "cluster" && !r.Failed))
        {
            var total = r.CpuSecondsByRole.Values.Sum();
            md.AppendLine($"- cluster/{r.Workload}: CPU seconds during the load: " +
                          string.Join(", ", r.CpuSecondsByRole.Select(kv => $"{kv.Key} {kv.Value.ToString("0.0", Inv)}")) +
                          $"; peak RSS: {string.Join(", ", r.PeakRssByRole.Select(kv => $"{kv.Key} {Mib(kv.Value)}"))}");
        }

        foreach (var r in run.Results.Where(r => r.Failed))
        {
            md.AppendLine($"- **{r.Configuration}/{r.Workload} failed**: {Escape(r.Failure)}{(r.LogFile is null ? "" : $" (log: `{r.LogFile}`)")}");
        }

        foreach (var r in run.Results.Where(r => !r.Failed && (r.Non2xx > 0 || r.SocketErrors > 0)))
        {
            md.AppendLine($"- {r.Configuration}/{r.Workload}: {r.Non2xx:N0} responses with status ≥ 400 and {r.SocketErrors:N0} socket errors ({r.Timeouts:N0} timeouts) out of {r.Requests:N0}{(r.LogFile is null ? "" : $" (log: `{r.LogFile}`)")}");
        }

        foreach (var r in run.Results.Where(r => r.Notes.Count > 0))
        {
            md.AppendLine($"- {r.Configuration}/{r.Workload}: {Escape(string.Join("; ", r.Notes))}");
        }

        md.AppendLine();
        return md.ToString();
    }

    /// <summary>
    /// Compares, per workload, the order of every pair of configurations by throughput with a previous
    /// run's; a pair within 10% in either run counts as tied, since a shared 2-core machine drifts that much.
    /// </summary>
    public static string? CompareRanking(BenchRun previous, BenchRun current)
    {
        var differences = new List<string>();
        int compared = 0, agreed = 0;
        foreach (var workload in current.Workloads.Intersect(previous.Workloads))
        {
            var now = current.Results.Where(r => r.Workload == workload && !r.Failed).ToDictionary(r => r.Configuration, r => r.Throughput);
            var before = previous.Results.Where(r => r.Workload == workload && !r.Failed).ToDictionary(r => r.Configuration, r => r.Throughput);
            var common = current.Configurations.Where(c => now.ContainsKey(c) && before.ContainsKey(c)).ToList();
            for (var i = 0; i < common.Count; i++)
            {
                for (var j = i + 1; j < common.Count; j++)
                {
                    string a = common[i], b = common[j];
                    var nowOrder = Order(now[a], now[b]);
                    var beforeOrder = Order(before[a], before[b]);
                    if (nowOrder == 0 || beforeOrder == 0) continue;
                    compared++;
                    if (nowOrder == beforeOrder)
                    {
                        agreed++;
                        continue;
                    }

                    differences.Add($"{workload}: {a} {now[a]:N0} vs {b} {now[b]:N0} now, {before[a]:N0} vs {before[b]:N0} before");
                }
            }
        }

        if (compared == 0) return null;
        var header = $"previous run {previous.Date[..16].Replace('T', ' ')} UTC (`{previous.Command}`)";
        return differences.Count == 0
            ? $"the order by throughput agrees with the {header}: all {compared} pairs of configurations that differ by more than 10% in both runs."
            : $"{agreed} of {compared} pairs of configurations that differ by more than 10% in both runs keep their order against the {header}; these swap: {string.Join("; ", differences)}.";

        static int Order(double x, double y) => Math.Abs(x - y) <= 0.10 * Math.Max(x, y) ? 0 : x > y ? 1 : -1;
    }

    /// <summary>The block the READMEs show between their bench:latest markers.</summary>
    public static string ReadmeBlock(BenchRun run, string resultsPath, string? rankingNote)
    {
        var md = new StringBuilder();
        var m = run.Machine;
        md.AppendLine($"Latest run: {run.Date[..16].Replace('T', ' ')} UTC, `{run.Command}`, on {m.Cores} cores ({m.CpuModel}), {m.Os}; " +
                      $"wrk -t{run.Threads} -c{run.Connections}, {run.DurationSeconds} s per configuration and workload. " +
                      $"All workloads, the targets and the microbenchmarks: [{resultsPath}/latest.md]({resultsPath}/latest.md).");
        md.AppendLine();
        if (rankingNote is not null)
        {
            md.AppendLine($"Ranking against the previous run: {rankingNote}");
            md.AppendLine();
        }

        var workload = run.Workloads.Contains("hot") ? "hot" : run.Workloads[0];
        md.AppendLine($"**{workload}** ({Workload.Get(workload).Description}):");
        md.AppendLine();
        md.Append(AbsoluteTable(run, workload));
        md.AppendLine();
        md.Append(RelativeTable(run, workload));
        md.AppendLine();
        md.AppendLine($"![Throughput and p99 latency per configuration and workload]({resultsPath}/latest.png)");
        return md.ToString();
    }

    /// <summary>Replaces what stands between &lt;!-- bench:latest --&gt; and &lt;!-- /bench:latest --&gt;; false when the file has no markers.</summary>
    public static bool UpdateMarkedBlock(string file, string block)
    {
        if (!File.Exists(file)) return false;
        var text = File.ReadAllText(file);
        var pattern = new Regex(@"(<!-- bench:latest -->\r?\n)(.*?)(<!-- /bench:latest -->)", RegexOptions.Singleline);
        if (!pattern.IsMatch(text)) return false;
        File.WriteAllText(file, pattern.Replace(text, match => match.Groups[1].Value + block + match.Groups[3].Value, 1));
        return true;
    }

    public static string Ms(double ms) => ms switch
    {
        >= 100 => $"{ms.ToString("N0", Inv)} ms",
        >= 10 => $"{ms.ToString("0.0", Inv)} ms",
        _ => $"{ms.ToString("0.00", Inv)} ms",
    };

    public static string Mib(long bytes) => bytes <= 0 ? "–" : $"{(bytes / 1048576.0).ToString(bytes >= 100 << 20 ? "N0" : "0.0", Inv)} MiB";

    private static string Bytes(double? bytes) => bytes is { } b ? $"{b.ToString("N0", Inv)} B" : "–";

    private static string Ratio(double? value, double? baseline) =>
        value is { } v && baseline is { } b && b > 0 && v > 0 ? $"{(v / b).ToString(v / b >= 10 ? "0.0" : v / b >= 0.1 ? "0.00" : "0.000", Inv)}×" : "–";

    private static string Duration(double seconds) => seconds >= 60 ? $"{(int)(seconds / 60)} min {(int)(seconds % 60)} s" : $"{seconds:0} s";

    private static string Shorten(string? text, int max) => text is null || text.Length <= max ? text ?? "" : text[..(max - 1)] + "…";

    private static string Escape(string? text) => (text ?? "").Replace("|", "\\|").Replace("\n", " ").Replace("\r", "");
}
