using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansQr.Caching;
using OrleansQr.Encoders;

namespace OrleansQr.Tests.Caching;

/// <summary>
/// What the encoder grains serve from: a text is stored from its second request, and concurrent requests
/// for one text share one encode. The encoder is a stand-in that counts calls and can hold them.
/// </summary>
public sealed class QrImageSourceTests
{
    [Fact]
    public async Task Concurrent_first_requests_share_one_encode()
    {
        var encoder = new CountingEncoder(held: true);
        using var services = Services(encoder);
        var images = services.GetRequiredService<QrImageSource>();
        var request = new QrRequest("https://github.com/rust-lang/rustlings");

        var pending = Enumerable.Range(0, 32).Select(_ => images.GetAsync(request).AsTask()).ToArray();
        await encoder.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        encoder.Release();
        var served = await Task.WhenAll(pending);

        Assert.Equal(1, encoder.Calls);
        Assert.Single(served, image => !image.FromCache);
        Assert.All(served, image => Assert.Equal(encoder.Png, image.Png));
    }

    [Fact]
    public async Task Text_is_stored_from_its_second_request()
    {
        var encoder = new CountingEncoder();
        using var services = Services(encoder);
        var images = services.GetRequiredService<QrImageSource>();
        var request = new QrRequest("https://exercism.org/tracks/rust");

        var first = await images.GetAsync(request);
        var second = await images.GetAsync(request);
        var third = await images.GetAsync(request);

        Assert.Equal([false, false, true], new[] { first.FromCache, second.FromCache, third.FromCache });
        Assert.Equal(2, encoder.Calls);
        Assert.Equal(encoder.Png, third.Png);
    }

    [Fact]
    public async Task Text_is_stored_from_its_first_request_when_configured()
    {
        var encoder = new CountingEncoder();
        using var services = Services(encoder, ("Qr:Cache:AdmitOnFirstRequest", "true"));
        var images = services.GetRequiredService<QrImageSource>();
        var request = new QrRequest("https://tourofrust.com");

        var first = await images.GetAsync(request);
        var second = await images.GetAsync(request);

        Assert.Equal([false, true], new[] { first.FromCache, second.FromCache });
        Assert.Equal(1, encoder.Calls);
    }

    private static ServiceProvider Services(IQrEncoder encoder, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(setting => setting.Key, setting => (string?)setting.Value))
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(encoder)
            .AddQrImageCache(configuration)
            .BuildServiceProvider();
    }

    private sealed class CountingEncoder(bool held = false) : IQrEncoder
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public byte[] Png { get; } = [0x89, (byte)'P', (byte)'N', (byte)'G'];

        public int Calls => Volatile.Read(ref _calls);

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public QrBackend Backend => QrBackend.Native;

        public void Release() => _release.SetResult();

        public async ValueTask<byte[]> EncodeAsync(QrRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            Started.TrySetResult();
            if (held)
            {
                await _release.Task.WaitAsync(cancellationToken);
            }

            return Png;
        }
    }
}
