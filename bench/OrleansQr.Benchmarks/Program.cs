using System.Text.Json;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using OrleansQr;
using OrleansQr.Benchmarks;

// Usage: OrleansQr.Benchmarks [--quick] [--out DIR]
// Encodes the study's 10 URLs once per tier to record the PNG sizes (and which tiers are
// available), runs BenchmarkDotNet in-process over the available tiers, and writes
// DIR/micro-dotnet.json, which the bench runner puts in its report.
var quick = args.Contains("--quick");
var outIndex = Array.IndexOf(args, "--out");
var outDir = Path.GetFullPath(outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : "BenchmarkDotNet.Artifacts");
Directory.CreateDirectory(outDir);

var tiers = new List<TierResult>();
using (var encoders = new Encoders())
{
    foreach (var backend in Enum.GetValues<QrBackend>())
    {
        try
        {
            var sizes = new List<int>();
            foreach (var url in StudyUrls.All)
            {
                sizes.Add((await encoders.Get(backend).EncodeAsync(new QrRequest(url))).Length);
            }

            tiers.Add(new TierResult(backend.ToString().ToLowerInvariant(), sizes.Average(), null, null, null, null));
        }
        catch (Exception e)
        {
            tiers.Add(new TierResult(backend.ToString().ToLowerInvariant(), null, null, null, null, $"{e.GetType().Name}: {e.Message.Split('\n')[0]}"));
        }
    }
}

EncoderBenchmarks.Available = tiers.Where(t => t.Error is null).Select(t => Enum.Parse<QrBackend>(t.Backend, ignoreCase: true)).ToArray();
if (EncoderBenchmarks.Available.Length > 0)
{
    // In-process: no per-benchmark project build, so a run takes seconds, not minutes.
    var job = (quick
            ? Job.Default.WithWarmupCount(2).WithIterationCount(5).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100))
            : Job.Default.WithWarmupCount(3).WithIterationCount(10).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250)))
        .WithLaunchCount(1)
        .WithToolchain(InProcessEmitToolchain.Instance);
    var config = ManualConfig.CreateEmpty()
        .AddJob(job)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumnProvider(DefaultColumnProviders.Instance)
        .AddLogger(ConsoleLogger.Default)
        .WithArtifactsPath(outDir)
        .WithOptions(ConfigOptions.DisableLogFile);
    var summary = BenchmarkRunner.Run<EncoderBenchmarks>(config);

    foreach (var report in summary.Reports)
    {
        var backend = report.BenchmarkCase.Parameters["Backend"]!.ToString()!.ToLowerInvariant();
        var index = tiers.FindIndex(t => t.Backend == backend);
        var stats = report.ResultStatistics;
        tiers[index] = stats is null
            ? tiers[index] with { Error = "the benchmark did not produce results" }
            : tiers[index] with
            {
                MicrosPerQr = stats.Mean / 1000.0,
                ErrorMicros = stats.StandardError / 1000.0,
                AllocatedBytesPerQr = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase),
                Iterations = stats.N,
            };
    }
}

var json = JsonSerializer.Serialize(new { quick, tiers }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
await File.WriteAllTextAsync(Path.Combine(outDir, "micro-dotnet.json"), json);
Console.WriteLine(json);

internal sealed record TierResult(string Backend, double? AveragePngBytes, double? MicrosPerQr, double? ErrorMicros, long? AllocatedBytesPerQr, string? Error)
{
    public int? Iterations { get; init; }
}
