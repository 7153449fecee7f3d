namespace OrleansQr.Bench;

public enum ServerKind
{
    /// <summary>bench/peers/node: the study's Node.js server in cluster mode, the baseline.</summary>
    Node,

    /// <summary>OrleansQr.Api with its silo in-process.</summary>
    Embedded,

    /// <summary>Redis, N silo processes and the API as their client.</summary>
    Cluster,

    /// <summary>native/qr-server, tier 4.</summary>
    QrServer,
}

/// <summary>One row of the tables: a server set-up that every workload is run against.</summary>
/// <param name="Id">The name used in <c>BENCH_CONFIGURATIONS</c>.</param>
/// <param name="Backend">
/// The tier for OrleansQr set-ups; null means "the best tier of this run": the in-process tier with the
/// highest cold throughput measured before this configuration, or native when none ran.
/// </param>
public sealed record BenchConfiguration(string Id, ServerKind Kind, string? Backend, bool Cache, int Silos = 0)
{
    public static readonly IReadOnlyList<BenchConfiguration> All =
    [
        new("node", ServerKind.Node, null, false),
        new("managed", ServerKind.Embedded, "managed", false),
        new("cli", ServerKind.Embedded, "cli", false),
        new("wasm", ServerKind.Embedded, "wasm", false),
        new("native", ServerKind.Embedded, "native", false),
        new("cached", ServerKind.Embedded, null, true),
        new("cluster", ServerKind.Cluster, null, true, Silos: 2),
        new("qr-server", ServerKind.QrServer, null, false),
    ];

    public static readonly IReadOnlyList<string> AllIds = All.Select(c => c.Id).ToList();

    public static readonly IReadOnlyList<string> Tiers = ["managed", "cli", "wasm", "native"];

    public static int TierNumber(string backend) => backend switch
    {
        "managed" => 0,
        "cli" => 1,
        "wasm" => 2,
        "native" => 3,
        _ => -1,
    };

    /// <summary>The "Tier" cell of the tables, once the backend is known.</summary>
    public string Label(string? backend) => Kind switch
    {
        ServerKind.Node => "Node.js cluster (baseline)",
        ServerKind.QrServer => "4 · qr-server (Rust)",
        ServerKind.Cluster => $"{TierNumber(backend!)} · {backend}, {Silos} silos + Redis, cache",
        _ when Cache => $"{TierNumber(backend!)} · {backend} + cache",
        _ => $"{TierNumber(backend!)} · {backend}",
    };
}

/// <summary>A kind of traffic; its wrk script is bench/wrk/&lt;id&gt;.lua.</summary>
public sealed record Workload(string Id, string Description)
{
    public static readonly IReadOnlyList<Workload> All =
    [
        new("hot", "the study's 10 URLs in rotation: a cache serves all of them"),
        new("cold", "every request a new text: no cache can help"),
        new("mixed", "Zipf (s = 1) over 10,000 texts: a cache serves the head, the tail is encoded"),
    ];

    public static readonly IReadOnlyList<string> AllIds = All.Select(w => w.Id).ToList();

    public static Workload Get(string id) => All.Single(w => w.Id == id);

    /// <summary>Texts of this workload to fetch once to measure the PNG size (wrk sees only whole responses).</summary>
    public IReadOnlyList<string> SampleTexts(string runPrefix) => Id switch
    {
        "hot" => StudyUrls,
        "cold" => Enumerable.Range(1, 10).Select(n => $"https://example.com/cold/{runPrefix}/9/{n}").ToList(),
        _ => new[] { 1, 2, 3, 5, 10, 30, 100, 1000, 3000, 10000 }.Select(k => $"https://example.com/item/{k}").ToList(),
    };

    /// <summary>
    /// The ten URLs the study's load rotated over, the texts of the hot workload (bench/wrk/hot.lua reads the
    /// same file). Their single source is native/qr-core/data/study-urls.txt, copied next to the assembly.
    /// </summary>
    public static readonly IReadOnlyList<string> StudyUrls =
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "study-urls.txt")).Where(line => line.Length > 0).ToArray();
}
