using System.Net;
using OrleansQr.Tests.Support;

namespace OrleansQr.Tests.QrServer;

/// <summary>Tier 4 over real HTTP: the same corpus decodes back exactly, and the same contract holds.</summary>
public sealed class QrServerDecodeCorpusTests(QrServerFixture server) : IClassFixture<QrServerFixture>
{
    public static TheoryData<string> Texts => new(DecodeCorpus.All);

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task Png_decodes_to_exactly_the_input(string text)
    {
        using var response = await server.Client.GetAsync($"/qrcode?text={Uri.EscapeDataString(text)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(text, QrDecoder.Decode(await response.Content.ReadAsByteArrayAsync()));
    }

    [Theory]
    [InlineData("/qrcode", "text is missing")]
    [InlineData("/qrcode?text=", "text is empty")]
    [InlineData("/qrcode?text=a&ec=Z", "ec must be one of L, M, Q, H")]
    public async Task Bad_requests_are_400_with_a_reason(string url, string reason)
    {
        using var response = await server.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Text_over_512_bytes_is_400()
    {
        using var response = await server.Client.GetAsync($"/qrcode?text={new string('a', 513)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("513", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Plus_is_a_space_and_percent_2B_a_plus()
    {
        using var plus = await server.Client.GetAsync("/qrcode?text=a+b");
        using var encodedPlus = await server.Client.GetAsync("/qrcode?text=a%2Bb");

        Assert.Equal("a b", QrDecoder.Decode(await plus.Content.ReadAsByteArrayAsync()));
        Assert.Equal("a+b", QrDecoder.Decode(await encodedPlus.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Other_methods_are_405()
    {
        using var response = await server.Client.PostAsync("/qrcode?text=a", content: null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
