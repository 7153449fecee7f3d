using System.Net;
using OrleansQr.Tests.Support;

namespace OrleansQr.Tests.Api;

/// <summary>The HTTP contract of <c>/qrcode</c> (DESIGN.md "Contracts"), served by the API with each in-process tier.</summary>
public sealed class QrCodeApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [MemberData(nameof(EncoderFixture.Backends), MemberType = typeof(EncoderFixture))]
    public async Task Every_backend_serves_pngs_that_decode_to_the_text(QrBackend backend)
    {
        using var factory = api.With("Qr:Backend", backend.ToString());
        using var client = factory.CreateClient();

        foreach (var text in DecodeCorpus.StudyUrls.Append(DecodeCorpus.LongestMultiByte))
        {
            using var response = await client.GetAsync($"/qrcode?text={Uri.EscapeDataString(text)}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(text, QrDecoder.Decode(await response.Content.ReadAsByteArrayAsync()));
        }
    }

    [Theory]
    [InlineData("/qrcode", "text is missing: use /qrcode?text=...")]
    [InlineData("/qrcode?text=", "text is empty")]
    [InlineData("/qrcode?text=a&text=b", "text is given more than once")]
    [InlineData("/qrcode?text=a&ec=Z", "ec must be one of L, M, Q, H")]
    [InlineData("/qrcode?text=a&ec=L&ec=H", "ec is given more than once")]
    public async Task Bad_requests_are_400_with_a_one_line_reason(string url, string reason)
    {
        using var client = api.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(reason + "\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Text_over_512_utf8_bytes_is_400_even_when_it_has_fewer_characters()
    {
        using var client = api.CreateClient();
        var text = new string('ä', 257); // 257 characters, 514 bytes

        using var response = await client.GetAsync($"/qrcode?text={Uri.EscapeDataString(text)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text is 514 UTF-8 bytes; the limit is 512\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Text_of_exactly_512_bytes_at_the_strongest_level_is_served()
    {
        using var client = api.CreateClient();

        using var response = await client.GetAsync($"/qrcode?text={Uri.EscapeDataString(DecodeCorpus.LongestMultiByte)}&ec=h");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DecodeCorpus.LongestMultiByte, QrDecoder.Decode(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Plus_is_a_space_and_percent_2B_a_plus()
    {
        using var client = api.CreateClient();

        using var plus = await client.GetAsync("/qrcode?text=a+b");
        using var encodedPlus = await client.GetAsync("/qrcode?text=a%2Bb");

        Assert.Equal("a b", QrDecoder.Decode(await plus.Content.ReadAsByteArrayAsync()));
        Assert.Equal("a+b", QrDecoder.Decode(await encodedPlus.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Head_has_the_headers_of_get_and_no_body()
    {
        using var client = api.CreateClient();

        using var get = await client.GetAsync("/qrcode?text=head");
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/qrcode?text=head"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("image/png", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Other_methods_are_405_with_allow()
    {
        using var client = api.CreateClient();

        using var response = await client.PostAsync("/qrcode?text=a", content: null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Missing_backend_is_503_not_a_crash()
    {
        using var factory = api.With("Qr:Backend", "cli").With("Qr:Cli:Path", "/nonexistent/qr-cli");
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/qrcode?text=a");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Images_carry_a_weak_etag_and_may_be_cached_for_good()
    {
        using var client = api.CreateClient();

        using var response = await client.GetAsync("/qrcode?text=cache-me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.ETag?.IsWeak, "the ETag must be weak: tiers differ in bytes, not in meaning");
        Assert.StartsWith("\"qr:v1:", response.Headers.ETag?.Tag);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.Contains(response.Headers.CacheControl!.Extensions, extension => extension.Name == "immutable");
    }

    [Fact]
    public async Task Matching_if_none_match_is_304_without_a_body()
    {
        using var client = api.CreateClient();
        using var first = await client.GetAsync("/qrcode?text=conditional");

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/qrcode?text=conditional");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task Etag_of_another_text_does_not_match()
    {
        using var client = api.CreateClient();
        using var other = await client.GetAsync("/qrcode?text=other");

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/qrcode?text=conditional&ec=M");
        conditional.Headers.IfNoneMatch.Add(other.Headers.ETag!);
        using var response = await client.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Text_is_kept_in_memory_from_its_second_request()
    {
        using var client = api.CreateClient();
        var url = $"/qrcode?text={Guid.NewGuid()}";

        using var first = await client.GetAsync(url);
        using var second = await client.GetAsync(url);
        using var third = await client.GetAsync(url);

        Assert.Equal("MISS", first.Headers.GetValues("X-Cache").Single());
        Assert.Equal("MISS", second.Headers.GetValues("X-Cache").Single());
        Assert.Equal("HIT", third.Headers.GetValues("X-Cache").Single());
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await third.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Text_is_kept_from_its_first_request_when_configured()
    {
        using var factory = api.With("Qr:Cache:AdmitOnFirstRequest", "true");
        using var client = factory.CreateClient();
        var url = $"/qrcode?text={Guid.NewGuid()}";

        using var first = await client.GetAsync(url);
        using var second = await client.GetAsync(url);

        Assert.Equal("MISS", first.Headers.GetValues("X-Cache").Single());
        Assert.Equal("HIT", second.Headers.GetValues("X-Cache").Single());
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Cache_can_be_turned_off()
    {
        using var factory = api.With("Qr:Cache:Enabled", "false");
        using var client = factory.CreateClient();

        using var first = await client.GetAsync("/qrcode?text=uncached");
        using var second = await client.GetAsync("/qrcode?text=uncached");

        Assert.Equal("MISS", second.Headers.GetValues("X-Cache").Single());
    }

    [Fact]
    public async Task Errors_carry_no_caching_headers()
    {
        using var client = api.CreateClient();

        using var response = await client.GetAsync("/qrcode?text=");

        Assert.Null(response.Headers.ETag);
        Assert.Null(response.Headers.CacheControl);
    }
}
