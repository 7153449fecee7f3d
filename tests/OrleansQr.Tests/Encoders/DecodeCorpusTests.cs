using OrleansQr.Tests.Support;

namespace OrleansQr.Tests.Encoders;

/// <summary>Every in-process tier turns every corpus text into a valid PNG that decodes back to exactly that text.</summary>
public sealed class DecodeCorpusTests(EncoderFixture encoders) : IClassFixture<EncoderFixture>
{
    public static TheoryData<QrBackend, string> Cases()
    {
        var cases = new TheoryData<QrBackend, string>();
        foreach (var backend in Enum.GetValues<QrBackend>())
        {
            foreach (var text in DecodeCorpus.All)
            {
                cases.Add(backend, text);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Png_decodes_to_exactly_the_input(QrBackend backend, string text)
    {
        var png = await encoders.Get(backend).EncodeAsync(new QrRequest(text));

        Assert.Equal(text, QrDecoder.Decode(png));
    }

    [Theory]
    [MemberData(nameof(EncoderFixture.Backends), MemberType = typeof(EncoderFixture))]
    public async Task Study_urls_get_the_smallest_whole_pixel_image_of_at_least_200_px(QrBackend backend)
    {
        foreach (var url in DecodeCorpus.StudyUrls)
        {
            var png = await encoders.Get(backend).EncodeAsync(new QrRequest(url));

            // Byte mode at level L: up to 32 bytes fit version 2 (25 modules + 8 of quiet zone, 7 px each = 231),
            // up to 53 bytes version 3 (29 + 8 modules, 6 px each = 222).
            var expectedWidth = System.Text.Encoding.UTF8.GetByteCount(url) <= 32 ? 231 : 222;
            Assert.Equal(expectedWidth, PngFile.Width(png));
        }
    }

    [Theory]
    [MemberData(nameof(EncoderFixture.Backends), MemberType = typeof(EncoderFixture))]
    public async Task Every_error_correction_level_round_trips(QrBackend backend)
    {
        foreach (var level in Enum.GetValues<ErrorCorrectionLevel>())
        {
            var png = await encoders.Get(backend).EncodeAsync(new QrRequest(DecodeCorpus.LongestMultiByte, level));
            Assert.Equal(DecodeCorpus.LongestMultiByte, QrDecoder.Decode(png));
        }
    }
}
