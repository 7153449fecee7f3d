namespace OrleansQr.Bench;

/// <summary>What wrk's done() printed (bench/wrk/common.lua): counts, bytes, microseconds.</summary>
public sealed record WrkReport(long Requests, long DurationUs, long Bytes, WrkErrors Errors, WrkLatency LatencyUs);

public sealed record WrkErrors(long Connect, long Read, long Write, long Status, long Timeout)
{
    public long Socket => Connect + Read + Write + Timeout;
}

public sealed record WrkLatency(double Mean, double Stdev, long P50, long P90, long P99, long Max);

/// <summary>One cell of the tables: a configuration under one workload.</summary>
public sealed class RunResult
{
    public required string Configuration { get; init; }
    public required string Workload { get; init; }
    public string Label { get; set; } = "";
    public string? Backend { get; set; }
    public bool Failed { get; set; }
    public string? Failure { get; set; }

    /// <summary>Responses with status below 400, per second of measured load.</summary>
    public double Throughput { get; set; }
    public double AllResponsesPerSecond { get; set; }
    public double AvgLatencyMs { get; set; }
    public double P50LatencyMs { get; set; }
    public double P90LatencyMs { get; set; }
    public double P99LatencyMs { get; set; }
    public double MaxLatencyMs { get; set; }

    /// <summary>Mean PNG size over the workload's sample texts (the study's "Avg response").</summary>
    public double? AvgResponseBytes { get; set; }

    /// <summary>Bytes wrk read per response, headers included.</summary>
    public double WireBytesPerResponse { get; set; }
    public long Requests { get; set; }
    public long Non2xx { get; set; }
    public long SocketErrors { get; set; }
    public long Timeouts { get; set; }
    public double DurationSeconds { get; set; }

    /// <summary>Peak RSS of every process the configuration started, and their descendants, during the measured load.</summary>
    public long PeakRssBytes { get; set; }

    /// <summary>The same sum once the server answered its first request, before any load.</summary>
    public long IdleRssBytes { get; set; }
    public Dictionary<string, long> PeakRssByRole { get; set; } = [];

    /// <summary>CPU seconds each started process (with its descendants) used during the measured load.</summary>
    public Dictionary<string, double> CpuSecondsByRole { get; set; } = [];
    /// <summary>CPU time of all the started processes per response with status below 400, in milliseconds.</summary>
    public double CpuMsPerResponse { get; set; }
    public int RssSamples { get; set; }

    /// <summary>CPU seconds of the runner and wrk during the measured load.</summary>
    public double LoadGeneratorCpuSeconds { get; set; }

    /// <summary>Cores kept busy during the measured load by processes outside the benchmark (other work, a hypervisor's steal).</summary>
    public double BackgroundCores { get; set; }
    public string? LogFile { get; set; }
    public List<string> Notes { get; set; } = [];
}

public sealed class DotnetMicro
{
    public bool Quick { get; set; }
    public List<DotnetTier> Tiers { get; set; } = [];
}

public sealed class DotnetTier
{
    public string Backend { get; set; } = "";
    public double? AveragePngBytes { get; set; }
    public double? MicrosPerQr { get; set; }
    public double? ErrorMicros { get; set; }
    public long? AllocatedBytesPerQr { get; set; }
    public string? Error { get; set; }
    public int? Iterations { get; set; }
}

public sealed class RustMicro
{
    public double? MicrosPerQr { get; set; }
    public double? AveragePngBytes { get; set; }
    public string? Error { get; set; }
}

public sealed class MicroResults
{
    public DotnetMicro? Dotnet { get; set; }
    public string? DotnetError { get; set; }
    public RustMicro? Rust { get; set; }
}

public sealed class MachineInfo
{
    public int Cores { get; set; }
    public string CpuModel { get; set; } = "";
    public string Os { get; set; } = "";
    public string Kernel { get; set; } = "";
    public string Dotnet { get; set; } = "";
    public string Rust { get; set; } = "";
    public string Node { get; set; } = "";
    public string Wrk { get; set; } = "";
    public string Host { get; set; } = "";
    public double MemoryGiB { get; set; }
    public string LoadAverageAtStart { get; set; } = "";
}

/// <summary>Everything a run measured: what latest.json holds and the report is written from.</summary>
public sealed class BenchRun
{
    public string Date { get; set; } = "";
    public string Command { get; set; } = "";
    public bool Quick { get; set; }
    public int DurationSeconds { get; set; }
    public int WarmupSeconds { get; set; }
    public int Connections { get; set; }
    public int Threads { get; set; }
    public bool RestartPerWorkload { get; set; } = true;
    public List<string> Configurations { get; set; } = [];
    public List<string> Workloads { get; set; } = [];
    public string? BestTier { get; set; }
    public double WallSeconds { get; set; }
    public MachineInfo Machine { get; set; } = new();
    public List<RunResult> Results { get; set; } = [];
    public MicroResults? Micro { get; set; }
}
