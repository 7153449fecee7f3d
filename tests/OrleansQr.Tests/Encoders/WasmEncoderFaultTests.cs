using OrleansQr.Encoders.Wasm;
using OrleansQr.Tests.Support;

namespace OrleansQr.Tests.Encoders;

/// <summary>Tier 2 survives its guest: a trap is a typed error, and the broken instance is replaced.</summary>
public sealed class WasmEncoderFaultTests
{
    [Fact]
    public async Task Guest_trap_is_a_typed_error_and_the_next_call_succeeds()
    {
        using var encoders = new EncoderFixture();
        var wasm = encoders.Get<WasmQrEncoder>(QrBackend.Wasm);

        var error = Assert.Throws<QrEncodingException>(wasm.InjectTrap);
        Assert.Equal(QrEncodingError.BackendFailed, error.Error);
        Assert.Contains("trapped", error.Message);

        var png = await wasm.EncodeAsync(new QrRequest("after the trap"));
        Assert.Equal("after the trap", QrDecoder.Decode(png));
    }

    [Fact]
    public async Task Missing_module_is_reported_unavailable()
    {
        using var encoders = EncoderFixture.With(new Dictionary<string, string?> { ["Qr:Wasm:ModulePath"] = "/nonexistent/qr_wasm.wasm" });

        var error = await Assert.ThrowsAsync<QrEncodingException>(
            () => encoders.Get(QrBackend.Wasm).EncodeAsync(new QrRequest("x")).AsTask());

        Assert.Equal(QrEncodingError.BackendUnavailable, error.Error);
    }
}
