using OrleansQr.Encoders;
using OrleansQr.Encoders.Native;
using OrleansQr.Tests.Support;

namespace OrleansQr.Tests.Encoders;

/// <summary>Tier 3 keeps Rust panics on the Rust side of the C ABI.</summary>
public sealed class NativeEncoderFaultTests
{
    [Fact]
    public async Task Rust_panic_comes_back_as_a_status_and_the_process_lives_on()
    {
        Assert.Equal(RustStatus.Panic, NativeQrEncoder.InjectPanic());

        using var encoders = new EncoderFixture();
        var png = await encoders.Get(QrBackend.Native).EncodeAsync(new QrRequest("after the panic"));
        Assert.Equal("after the panic", QrDecoder.Decode(png));
    }

    [Fact]
    public void Panic_status_maps_to_a_backend_failure()
    {
        var error = RustStatus.ToException(RustStatus.Panic, new QrRequest("x"), 1, "native");

        Assert.Equal(QrEncodingError.BackendFailed, error.Error);
        Assert.False(error.IsClientError);
    }
}
