namespace OrleansQr.Encoders;

/// <summary>Settings of the four in-process tiers, bound from the <c>Qr</c> configuration section.</summary>
public sealed class QrEncoderOptions
{
    public const string SectionName = "Qr";

    /// <summary>The tier that serves requests (<c>Qr__Backend</c>: managed, cli, wasm or native).</summary>
    public QrBackend Backend { get; set; } = QrBackend.Native;

    public CliEncoderOptions Cli { get; set; } = new();

    public WasmEncoderOptions Wasm { get; set; } = new();
}

/// <summary>Tier 1 settings.</summary>
public sealed class CliEncoderOptions
{
    /// <summary>The <c>qr-cli</c> program; by default the copy next to this assembly.</summary>
    public string Path { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "qr-cli");

    /// <summary>
    /// How long one request may take, waiting for a slot included; a run still going then is killed, so a
    /// per-request process that hangs cannot hold a worker.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most <c>qr-cli</c> processes running at once; more requests wait their turn. Unbounded, each of
    /// 100 connections could hold a process of its own, which on 2 cores bought no throughput (1,404 against
    /// 1,384 req/s capped) and left the machine's process count to the clients.
    /// </summary>
    public int MaxConcurrentRuns { get; set; } = 2 * Environment.ProcessorCount;
}

/// <summary>Tier 2 settings.</summary>
public sealed class WasmEncoderOptions
{
    /// <summary>The wasm32 module; by default the copy next to this assembly.</summary>
    public string ModulePath { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "qr_wasm.wasm");

    /// <summary>Wall-clock bound of one call into the guest, enforced by epoch interruption.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The most linear memory one guest instance may grow to.</summary>
    public long MemoryLimitBytes { get; set; } = 64L << 20;
}
