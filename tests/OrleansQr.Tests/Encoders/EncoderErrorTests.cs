using OrleansQr.Tests.Support;

namespace OrleansQr.Tests.Encoders;

/// <summary>Bad input gives the same typed error from every tier.</summary>
public sealed class EncoderErrorTests(EncoderFixture encoders) : IClassFixture<EncoderFixture>
{
    [Theory]
    [MemberData(nameof(EncoderFixture.Backends), MemberType = typeof(EncoderFixture))]
    public async Task Text_too_long_for_any_symbol_is_a_client_error(QrBackend backend)
    {
        var error = await Assert.ThrowsAsync<QrEncodingException>(
            () => encoders.Get(backend).EncodeAsync(new QrRequest(DecodeCorpus.TooLongForAnySymbol)).AsTask());

        Assert.Equal(QrEncodingError.TextTooLong, error.Error);
        Assert.True(error.IsClientError);
        Assert.Equal("text is 3000 UTF-8 bytes, more than a QR code holds at error-correction level L", error.Message);
    }

    [Theory]
    [MemberData(nameof(EncoderFixture.Backends), MemberType = typeof(EncoderFixture))]
    public async Task Text_that_fits_only_at_a_lower_level_is_too_long_at_a_higher_one(QrBackend backend)
    {
        // 1300 bytes fit version 40 at L (2953) but not at H (1273).
        var text = new string('x', 1300);
        var encoder = encoders.Get(backend);

        Assert.Equal(text, QrDecoder.Decode(await encoder.EncodeAsync(new QrRequest(text, ErrorCorrectionLevel.L))));
        var error = await Assert.ThrowsAsync<QrEncodingException>(() => encoder.EncodeAsync(new QrRequest(text, ErrorCorrectionLevel.H)).AsTask());
        Assert.Equal(QrEncodingError.TextTooLong, error.Error);
    }

    [Theory]
    [MemberData(nameof(EncoderFixture.Backends), MemberType = typeof(EncoderFixture))]
    public async Task Empty_text_is_a_client_error(QrBackend backend)
    {
        var error = await Assert.ThrowsAsync<QrEncodingException>(() => encoders.Get(backend).EncodeAsync(new QrRequest("")).AsTask());

        Assert.Equal(QrEncodingError.EmptyText, error.Error);
    }

    [Theory]
    [MemberData(nameof(EncoderFixture.Backends), MemberType = typeof(EncoderFixture))]
    public async Task Lone_surrogate_is_invalid_text_not_a_silent_replacement(QrBackend backend)
    {
        var error = await Assert.ThrowsAsync<QrEncodingException>(() => encoders.Get(backend).EncodeAsync(new QrRequest("a\uD800b")).AsTask());

        Assert.Equal(QrEncodingError.InvalidText, error.Error);
    }
}
