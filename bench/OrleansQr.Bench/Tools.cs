using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansQr.Bench;

/// <summary>Runs a short-lived tool (wrk, the microbenchmarks, version queries) with a time bound.</summary>
public static class Tool
{
    public sealed record Output(int ExitCode, string Stdout, string Stderr, bool TimedOut);

    public static async Task<Output> RunAsync(string program, IEnumerable<string> args, string workingDirectory, TimeSpan timeout,
        CancellationToken cancellationToken, string? logFile = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var timedOut = false;
        using (var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            bound.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = !cancellationToken.IsCancellationRequested;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }

        process.WaitForExit(); // flushes the output events
        var output = new Output(process.ExitCode, stdout.ToString(), stderr.ToString(), timedOut);
        if (logFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
            await File.AppendAllTextAsync(logFile,
                $"# {DateTime.UtcNow:O} {program} {string.Join(' ', start.ArgumentList)} -> exit {output.ExitCode}{(timedOut ? " (timed out)" : "")}\n{output.Stdout}{output.Stderr}\n",
                CancellationToken.None);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return output;
    }

    /// <summary>The first line a command prints, or "unknown".</summary>
    public static string Version(string program, params string[] args)
    {
        try
        {
            var output = RunAsync(program, args, "/", TimeSpan.FromSeconds(20), CancellationToken.None).GetAwaiter().GetResult();
            var text = (output.Stdout + output.Stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return text.Length > 0 ? text[0] : "unknown";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "not installed";
        }
    }
}

public static class Wrk
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>One wrk run with a bench/wrk script; throws <see cref="BenchFailure"/> when it yields no report.</summary>
    public static async Task<WrkReport> RunAsync(BenchOptions options, RunningServer server, string workload, int seconds, string scriptArg,
        string logFile, CancellationToken cancellationToken)
    {
        string[] args =
        [
            $"-t{options.Threads}", $"-c{options.Connections}", $"-d{seconds}s", "--timeout", "10s", "--latency",
            "-s", Path.Combine(options.WrkDir, $"{workload}.lua"), server.BaseUrl, "--", scriptArg,
        ];
        var output = await Tool.RunAsync("wrk", args, options.WrkDir, TimeSpan.FromSeconds(seconds + 30), cancellationToken, logFile);
        var line = output.Stdout.Split('\n').FirstOrDefault(l => l.StartsWith("WRK_JSON ", StringComparison.Ordinal));
        if (line is null)
        {
            var why = output.TimedOut ? "wrk did not finish in time" : $"wrk exited with {output.ExitCode}";
            throw new BenchFailure($"{why}: {FirstLine(output.Stderr + output.Stdout)}");
        }

        return JsonSerializer.Deserialize<WrkReport>(line["WRK_JSON ".Length..], SnakeCase)
               ?? throw new BenchFailure("wrk printed an empty report");
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";
}

public static class Micro
{
    /// <summary>BenchmarkDotNet over the four .NET tiers (bench/OrleansQr.Benchmarks).</summary>
    public static async Task<(DotnetMicro? Result, string? Error)> RunDotnetAsync(BenchOptions options, string workDir, string logFile,
        CancellationToken cancellationToken)
    {
        var dll = Path.Combine(options.BenchDir, "OrleansQr.Benchmarks", "bin", "Release", "net10.0", "OrleansQr.Benchmarks.dll");
        if (!File.Exists(dll)) return (null, $"{dll} is not built (bench/run.sh builds it)");
        var outDir = Path.Combine(workDir, "benchmarkdotnet");
        List<string> args = [dll, "--out", outDir];
        if (options.Quick) args.Add("--quick");
        var output = await Tool.RunAsync("dotnet", args, Path.GetDirectoryName(dll)!, TimeSpan.FromMinutes(options.Quick ? 3 : 8), cancellationToken, logFile);
        var json = Path.Combine(outDir, "micro-dotnet.json");
        if (output.ExitCode != 0 || !File.Exists(json))
        {
            return (null, output.TimedOut ? "BenchmarkDotNet did not finish in time" : $"BenchmarkDotNet exited with {output.ExitCode} (see {logFile})");
        }

        return (JsonSerializer.Deserialize<DotnetMicro>(await File.ReadAllTextAsync(json, cancellationToken), Json.Options), null);
    }

    /// <summary>The core crate's own benchmark (native/qr-core/examples/bench.rs), built by bench/run.sh.</summary>
    public static async Task<RustMicro> RunRustAsync(BenchOptions options, string logFile, CancellationToken cancellationToken)
    {
        var exe = Path.Combine(options.NativeRelease, "examples", "bench");
        if (!File.Exists(exe)) return new RustMicro { Error = $"{exe} is not built (bench/run.sh builds it)" };
        var output = await Tool.RunAsync(exe, [], Path.Combine(options.RepoRoot, "native"), TimeSpan.FromMinutes(3), cancellationToken, logFile);
        double? Find(string pattern)
        {
            var match = Regex.Match(output.Stdout, pattern, RegexOptions.Multiline);
            return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        }

        var result = new RustMicro
        {
            MicrosPerQr = Find(@"^µs per QR:\s*([0-9.]+)"),
            AveragePngBytes = Find(@"^average PNG bytes:\s*([0-9.]+)"),
        };
        if (output.ExitCode != 0 || result.MicrosPerQr is null)
        {
            result.Error = output.TimedOut ? "did not finish in time" : $"exit {output.ExitCode}, no 'µs per QR' line (see {logFile})";
        }

        return result;
    }
}

public static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        WriteIndented = true,
    };
}

public static class Machine
{
    public static MachineInfo Describe(BenchOptions options)
    {
        string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : "";
        var cpu = Regex.Match(Read("/proc/cpuinfo"), @"^model name\s*:\s*(.+)$", RegexOptions.Multiline);
        var os = Regex.Match(Read("/etc/os-release"), "^PRETTY_NAME=\"?([^\"\n]+)", RegexOptions.Multiline);
        var mem = Regex.Match(Read("/proc/meminfo"), @"^MemTotal:\s*(\d+) kB", RegexOptions.Multiline);
        var cargo = Environment.GetEnvironmentVariable("CARGO") is { Length: > 0 } c ? c : "cargo";
        return new MachineInfo
        {
            Cores = Environment.ProcessorCount,
            CpuModel = cpu.Success ? cpu.Groups[1].Value.Trim() : "unknown",
            Os = os.Success ? os.Groups[1].Value : System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            Kernel = Read("/proc/sys/kernel/osrelease").Trim(),
            Dotnet = $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} (SDK {Tool.Version("dotnet", "--version")})",
            Rust = Tool.Version(Path.GetDirectoryName(cargo) is { Length: > 0 } dir ? Path.Combine(dir, "rustc") : "rustc", "--version"),
            Node = Tool.Version("node", "--version"),
            Wrk = Tool.Version("wrk", "-v"),
            Host = Environment.MachineName,
            MemoryGiB = mem.Success ? Math.Round(long.Parse(mem.Groups[1].Value, CultureInfo.InvariantCulture) / 1024.0 / 1024.0, 1) : 0,
            LoadAverageAtStart = string.Join(' ', Read("/proc/loadavg").Split(' ').Take(3)),
        };
    }
}
