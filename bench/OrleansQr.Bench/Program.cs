using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using OrleansQr.Bench;
using Spectre.Console;

// `make bench` → bench/run.sh → here. Starts each configuration on loopback, loads it with wrk per
// workload, then runs the microbenchmarks, and writes bench/results/ (see bench/README.md).
var repoRoot = FindRepoRoot();

// --render RESULTS.json: draws the report and the chart of an earlier run again, next to its JSON.
if (args is ["--render", var saved])
{
    var earlier = JsonSerializer.Deserialize<BenchRun>(await File.ReadAllTextAsync(saved), Json.Options)!;
    var stem = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(saved))!, Path.GetFileNameWithoutExtension(saved));
    Chart.Write(earlier, stem + ".png", stem + ".svg");
    await File.WriteAllTextAsync(stem + ".md", Report.Markdown(earlier, Path.GetFileName(stem) + ".png", null));
    Console.WriteLine($"wrote {stem}.md, .png, .svg");
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args, repoRoot);
}
catch (UsageException e)
{
    if (e.Message == "usage")
    {
        Console.WriteLine(BenchOptions.Usage);
        return 0;
    }

    Console.Error.WriteLine($"error: {e.Message}\n\n{BenchOptions.Usage}");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancel.Cancel();
});
// Last line of defence: whatever is still running when this process exits is killed by PID.
AppDomain.CurrentDomain.ProcessExit += (_, _) =>
{
    foreach (var process in ServerProcess.Running.Values) process.KillTree();
};

var started = DateTime.UtcNow;
var stamp = started.ToString("yyyy-MM-dd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
var logDir = Path.Combine(repoRoot, "bench", "results", "tmp", "logs", stamp);
Directory.CreateDirectory(logDir);
Directory.CreateDirectory(options.OutputDir);

var run = new BenchRun
{
    Date = started.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
    Command = options.Command,
    Quick = options.Quick,
    DurationSeconds = options.DurationSeconds,
    WarmupSeconds = options.WarmupSeconds,
    Connections = options.Connections,
    Threads = options.Threads,
    RestartPerWorkload = options.RestartPerWorkload,
    Configurations = [.. options.Configurations],
    Workloads = [.. options.Workloads],
    Machine = Machine.Describe(options),
};

var estimate = Estimate(options);
var interactive = AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
Console.WriteLine($"OrleansQr bench: {options.Configurations.Count} configurations × {options.Workloads.Count} workloads, about {estimate.TotalMinutes:0.0} min; logs in {logDir}");
var clock = Stopwatch.StartNew();
try
{
    if (interactive)
    {
        var live = new LiveView(options, estimate, logDir);
        await live.RunAsync(() => new Runner(options, live, logDir).RunAsync(run, cancel.Token));
    }
    else
    {
        await new Runner(options, new PlainView(), logDir).RunAsync(run, cancel.Token);
    }
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("interrupted: stopping what was started; no report written");
    foreach (var process in ServerProcess.Running.Values) await process.StopAsync(TimeSpan.FromSeconds(5));
    return 130;
}
finally
{
    foreach (var process in ServerProcess.Running.Values) await process.StopAsync(TimeSpan.FromSeconds(5));
}

run.WallSeconds = clock.Elapsed.TotalSeconds;

// The previous run in the same folder, to check that the ranking holds.
var latestJson = Path.Combine(options.OutputDir, "latest.json");
string? rankingNote = null;
if (File.Exists(latestJson))
{
    try
    {
        var previous = JsonSerializer.Deserialize<BenchRun>(await File.ReadAllTextAsync(latestJson), Json.Options);
        if (previous is not null) rankingNote = Report.CompareRanking(previous, run);
    }
    catch (JsonException)
    {
        rankingNote = "the previous latest.json could not be read";
    }
}

var name = $"{stamp}-{run.Machine.Host}{(options.Quick ? "-quick" : "")}";
var json = JsonSerializer.Serialize(run, Json.Options);
foreach (var file in new[] { $"{name}.json", "latest.json" }) await File.WriteAllTextAsync(Path.Combine(options.OutputDir, file), json);
try
{
    Chart.Write(run, Path.Combine(options.OutputDir, $"{name}.png"), Path.Combine(options.OutputDir, $"{name}.svg"));
    File.Copy(Path.Combine(options.OutputDir, $"{name}.png"), Path.Combine(options.OutputDir, "latest.png"), overwrite: true);
    File.Copy(Path.Combine(options.OutputDir, $"{name}.svg"), Path.Combine(options.OutputDir, "latest.svg"), overwrite: true);
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    Console.Error.WriteLine($"the chart could not be drawn: {e.Message}");
}

await File.WriteAllTextAsync(Path.Combine(options.OutputDir, $"{name}.md"), Report.Markdown(run, $"{name}.png", rankingNote));
await File.WriteAllTextAsync(Path.Combine(options.OutputDir, "latest.md"), Report.Markdown(run, "latest.png", rankingNote));

// A full run is what the READMEs show, between their <!-- bench:latest --> markers.
var updated = new List<string>();
if (!options.Quick && Path.GetFullPath(options.OutputDir) == Path.Combine(repoRoot, "bench", "results"))
{
    if (Report.UpdateMarkedBlock(Path.Combine(repoRoot, "bench", "README.md"), Report.ReadmeBlock(run, "results", rankingNote))) updated.Add("bench/README.md");
    if (Report.UpdateMarkedBlock(Path.Combine(repoRoot, "README.md"), Report.ReadmeBlock(run, "bench/results", rankingNote))) updated.Add("README.md");
}

Console.WriteLine();
Console.WriteLine(Report.AbsoluteTable(run, run.Workloads[0]));
Console.WriteLine($"wall time {clock.Elapsed:mm\\:ss}; report: {Path.Combine(options.OutputDir, $"{name}.md")} (and latest.md, latest.png, latest.svg, latest.json)" +
                  (updated.Count > 0 ? $"; updated {string.Join(", ", updated)}" : ""));
if (rankingNote is not null) Console.WriteLine($"ranking: {rankingNote}");
return run.Results.Any(r => !r.Failed) ? 0 : 1;

static string FindRepoRoot()
{
    if (Environment.GetEnvironmentVariable("BENCH_REPO_ROOT") is { Length: > 0 } root) return Path.GetFullPath(root);
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "OrleansQr.sln"))) return dir.FullName;
    }

    throw new InvalidOperationException("cannot find the repository (OrleansQr.sln) above " + AppContext.BaseDirectory);
}

static TimeSpan Estimate(BenchOptions options)
{
    double seconds = 0;
    foreach (var id in options.Configurations)
    {
        var start = BenchConfiguration.All.Single(c => c.Id == id).Kind switch
        {
            ServerKind.Cluster => 20,
            ServerKind.Embedded => 6,
            ServerKind.Node => 3,
            _ => 1,
        };
        var starts = options.RestartPerWorkload ? options.Workloads.Count : 1;
        seconds += starts * start + options.Workloads.Count * (options.WarmupSeconds + options.DurationSeconds + 2);
    }

    if (options.Micro) seconds += options.Quick ? 15 : 40;
    return TimeSpan.FromSeconds(seconds);
}
