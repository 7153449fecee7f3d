using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansQr.Encoders;

namespace OrleansQr.Benchmarks;

/// <summary>One operation = one QR code; each invocation encodes the study's 10 URLs in turn.</summary>
public class EncoderBenchmarks
{
    /// <summary>The tiers that encoded the 10 URLs before the run (Program sets it).</summary>
    public static QrBackend[] Available { get; set; } = Enum.GetValues<QrBackend>();

    private Encoders _encoders = null!;
    private IQrEncoder _encoder = null!;
    private QrRequest[] _requests = null!;

    [ParamsSource(nameof(Backends))]
    public QrBackend Backend { get; set; }

    public static IEnumerable<QrBackend> Backends => Available;

    [GlobalSetup]
    public void Setup()
    {
        _encoders = new Encoders();
        _encoder = _encoders.Get(Backend);
        _requests = StudyUrls.All.Select(url => new QrRequest(url)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _encoders.Dispose();

    [Benchmark(OperationsPerInvoke = 10)]
    public async Task<int> EncodeStudyUrls()
    {
        var bytes = 0;
        foreach (var request in _requests)
        {
            bytes += (await _encoder.EncodeAsync(request)).Length;
        }

        return bytes;
    }
}

/// <summary>The four tiers as the service registers them (<see cref="EncodingServiceCollectionExtensions.AddQrEncoders"/>), with default settings.</summary>
public sealed class Encoders : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection().Build())
        .AddQrEncoders()
        .BuildServiceProvider();

    public IQrEncoder Get(QrBackend backend) => _services.GetRequiredKeyedService<IQrEncoder>(backend);

    public void Dispose() => _services.Dispose();
}

/// <summary>
/// The study's 10 texts (DESIGN.md), the load of its hot workload. Their single source is
/// native/qr-core/data/study-urls.txt (one URL per line), copied next to the assembly.
/// </summary>
public static class StudyUrls
{
    public static readonly string[] All =
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "study-urls.txt")).Where(line => line.Length > 0).ToArray();
}
