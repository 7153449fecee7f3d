using System.Globalization;

namespace OrleansQr.Bench;

/// <summary>
/// What one run does. Every setting comes from an environment variable (what <c>make bench VAR=...</c>
/// and bench/run.sh pass) or the matching command-line option, which wins.
/// </summary>
public sealed class BenchOptions
{
    public required string RepoRoot { get; init; }
    public bool Quick { get; init; }
    public int DurationSeconds { get; init; }
    public int WarmupSeconds { get; init; }
    public int Connections { get; init; }
    public int Threads { get; init; }
    public IReadOnlyList<string> Configurations { get; init; } = [];
    public IReadOnlyList<string> Workloads { get; init; } = [];
    public bool Micro { get; init; }

    /// <summary>A fresh server for every workload (the default), or one per configuration (QUICK's default).</summary>
    public bool RestartPerWorkload { get; init; }
    public required string Configuration { get; init; }
    public required string OutputDir { get; init; }
    public required string Command { get; init; }

    /// <summary>How long a configuration may take to answer its first request before it is marked failed.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(90);

    public string ApiDir => Path.Combine(RepoRoot, "Api", "bin", Configuration, "net10.0");
    public string SiloDir => Path.Combine(RepoRoot, "Silo", "bin", Configuration, "net10.0");
    public string NativeRelease => Path.Combine(RepoRoot, "native", "target", "release");
    public string BenchDir => Path.Combine(RepoRoot, "bench");
    public string WrkDir => Path.Combine(BenchDir, "wrk");

    public const string Usage = """
        OrleansQr.Bench — the load benchmark behind `make bench` (see bench/README.md).

        option                 environment           default (QUICK=1)
        --quick                QUICK=1               off
        --duration SECONDS     BENCH_DURATION        15 (2)     measured load per configuration and workload
        --warmup SECONDS       BENCH_WARMUP          5 (1)      load before measuring, not counted
        --connections N        BENCH_CONNECTIONS     100        open connections wrk keeps busy
        --threads N            BENCH_THREADS         2          wrk threads
        --configurations LIST  BENCH_CONFIGURATIONS  all        node,managed,cli,wasm,native,cached,cluster,qr-server
        --workloads LIST       BENCH_WORKLOADS       all        hot,cold,mixed
        --restart WHEN         BENCH_RESTART         workload (configuration)  a fresh server per workload, or one per configuration
        --no-micro             BENCH_MICRO=0         on         skip BenchmarkDotNet and the Rust core bench
        --out DIR              BENCH_OUT             bench/results (bench/results/tmp for QUICK)
        --command TEXT         BENCH_COMMAND         how the run was started, for the report header
        """;

    public static BenchOptions Parse(string[] args, string repoRoot)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        void FromEnv(string key, string env)
        {
            var v = Environment.GetEnvironmentVariable(env);
            if (!string.IsNullOrWhiteSpace(v)) values[key] = v.Trim();
        }

        FromEnv("quick", "QUICK");
        FromEnv("duration", "BENCH_DURATION");
        FromEnv("warmup", "BENCH_WARMUP");
        FromEnv("connections", "BENCH_CONNECTIONS");
        FromEnv("threads", "BENCH_THREADS");
        FromEnv("configurations", "BENCH_CONFIGURATIONS");
        FromEnv("workloads", "BENCH_WORKLOADS");
        FromEnv("micro", "BENCH_MICRO");
        FromEnv("restart", "BENCH_RESTART");
        FromEnv("out", "BENCH_OUT");
        FromEnv("command", "BENCH_COMMAND");
        FromEnv("configuration", "CONFIGURATION");

        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--quick": values["quick"] = "1"; break;
                case "--no-micro": values["micro"] = "0"; break;
                case "-h" or "--help": throw new UsageException(null);
                case "--duration" or "--warmup" or "--connections" or "--threads" or "--configurations" or "--workloads" or "--out" or "--command" or "--restart":
                    if (i + 1 >= args.Length) throw new UsageException($"{arg} needs a value");
                    values[arg[2..]] = args[++i];
                    break;
                default: throw new UsageException($"unknown argument '{arg}'");
            }
        }

        var quick = IsTrue(values.GetValueOrDefault("quick"));
        int Int(string key, int normal, int quickValue, int min, int max)
        {
            if (!values.TryGetValue(key, out var text) || text is null) return quick ? quickValue : normal;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
                throw new UsageException($"{key} must be a whole number from {min} to {max}, not '{text}'");
            return n;
        }

        IReadOnlyList<string> List(string key, IReadOnlyList<string> all)
        {
            if (!values.TryGetValue(key, out var text) || text is null || text == "all") return all;
            var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).Distinct().ToList();
            var unknown = items.Where(s => !all.Contains(s)).ToList();
            if (unknown.Count > 0 || items.Count == 0)
                throw new UsageException($"{key}: unknown '{string.Join(",", unknown)}'; choose from {string.Join(",", all)}");
            return all.Where(items.Contains).ToList(); // always in the canonical order
        }

        var connections = Int("connections", 100, 100, 1, 10_000);
        var restart = values.GetValueOrDefault("restart") ?? (quick ? "configuration" : "workload");
        if (restart is not ("workload" or "configuration")) throw new UsageException($"restart must be 'workload' or 'configuration', not '{restart}'");
        var threads = Math.Min(Int("threads", 2, 2, 1, 64), connections);
        var outDir = values.GetValueOrDefault("out") ?? Path.Combine(repoRoot, "bench", "results", quick ? "tmp" : "");
        return new BenchOptions
        {
            RepoRoot = repoRoot,
            Quick = quick,
            DurationSeconds = Int("duration", 15, 2, 1, 3600),
            WarmupSeconds = Int("warmup", 5, 1, 0, 600),
            Connections = connections,
            Threads = threads,
            Configurations = List("configurations", BenchConfiguration.AllIds),
            Workloads = List("workloads", Workload.AllIds),
            RestartPerWorkload = restart == "workload",
            Micro = !values.TryGetValue("micro", out var micro) || micro is null || IsTrue(micro),
            Configuration = values.GetValueOrDefault("configuration") ?? "Release",
            OutputDir = Path.GetFullPath(outDir),
            Command = values.GetValueOrDefault("command") ?? "dotnet OrleansQr.Bench.dll " + string.Join(' ', args),
        };
    }

    private static bool IsTrue(string? value) =>
        value is not null && value.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";
}

public sealed class UsageException(string? message) : Exception(message ?? "usage");
