using System.Text;
using CsCheck;
using OrleansQr.Tests.Support;

namespace OrleansQr.Tests.Encoders;

/// <summary>Random Unicode text of up to 512 UTF-8 bytes round-trips through the managed and the native tiers.</summary>
public sealed class RoundTripPropertyTests(EncoderFixture encoders) : IClassFixture<EncoderFixture>
{
    /// <summary>Any Unicode scalar value (surrogate code points excluded), so every UTF-8 length 1–4 occurs.</summary>
    private static readonly Gen<string> Scalar = Gen.Frequency(
        (4, Gen.Int[0x20, 0x7E]),
        (2, Gen.Int[0x00, 0x7FF]),
        (2, Gen.Int[0x800, 0xD7FF]),
        (1, Gen.Int[0xE000, 0xFFFF]),
        (2, Gen.Int[0x10000, 0x10FFFF])).Select(char.ConvertFromUtf32);

    private static readonly Gen<string> Texts = Scalar.Array[1, 160]
        .Select(string.Concat)
        .Where(text => Encoding.UTF8.GetByteCount(text) <= 512);

    [Theory]
    [InlineData(QrBackend.Managed)]
    [InlineData(QrBackend.Native)]
    public void Random_unicode_text_round_trips(QrBackend backend)
    {
        var encoder = encoders.Get(backend);

        Texts.Sample(text =>
        {
            var png = encoder.EncodeAsync(new QrRequest(text)).AsTask().GetAwaiter().GetResult();
            return QrDecoder.Decode(png) == text;
        }, iter: 150);
    }
}
