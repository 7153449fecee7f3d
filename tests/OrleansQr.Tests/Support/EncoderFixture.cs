using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansQr.Encoders;

namespace OrleansQr.Tests.Support;

/// <summary>
/// The four in-process encoders wired exactly as the service wires them (<see cref="EncodingServiceCollectionExtensions.AddQrEncoders"/>),
/// with optional configuration overrides; the native artifacts are the ones copied next to the test assembly.
/// </summary>
public sealed class EncoderFixture : IDisposable
{
    private readonly ServiceProvider _services;

    public EncoderFixture() : this(new Dictionary<string, string?>())
    {
    }

    private EncoderFixture(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddQrEncoders()
            .BuildServiceProvider();
    }

    /// <summary>Encoders built with the given settings (keys as in configuration, e.g. <c>Qr:Cli:Path</c>).</summary>
    public static EncoderFixture With(IDictionary<string, string?> settings) => new(settings);

    public static TheoryData<QrBackend> Backends => new(Enum.GetValues<QrBackend>());

    public IQrEncoder Get(QrBackend backend) => _services.GetRequiredKeyedService<IQrEncoder>(backend);

    public T Get<T>(QrBackend backend) where T : IQrEncoder => (T)Get(backend);

    public void Dispose() => _services.Dispose();
}
