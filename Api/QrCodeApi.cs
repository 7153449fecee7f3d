using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace OrleansQr.Api;

/// <summary>
/// The HTTP contract of DESIGN.md: <c>GET|HEAD /qrcode?text=...&amp;ec=L</c> → a PNG, or a one-line 400.
/// Each image carries a weak ETag derived from its cache key (tiers may differ in bytes, not in meaning)
/// and may be cached for good; a matching <c>If-None-Match</c> is answered 304 without touching the cluster.
/// </summary>
public static class QrCodeApi
{
    public static IEndpointRouteBuilder MapQrCodeApi(this IEndpointRouteBuilder app)
    {
        // Other methods on /qrcode get routing's own 405 with an Allow header.
        app.MapMethods("/qrcode", [HttpMethods.Get, HttpMethods.Head], GetQrCodeAsync)
            .WithName("GetQrCode")
            .WithSummary("A QR code of the text, as a PNG");
        app.MapGet("/healthz", () => TypedResults.Text("ok"));
        return app;
    }

    private static async Task<IResult> GetQrCodeAsync(HttpContext http, QrCodeRouting routing, IOptions<HttpCachingOptions> caching, ILoggerFactory loggers)
    {
        if (!QrCodeQuery.TryParse(http.Request.Query, out var request, out var error))
        {
            return PlainText(StatusCodes.Status400BadRequest, error);
        }

        var key = QrCacheKey.For(request);
        var etag = new EntityTagHeaderValue($"\"{key}\"", isWeak: true);
        if (IsNotModified(http.Request, etag))
        {
            SetCachingHeaders(http.Response, etag, caching.Value);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        QrImage image;
        try
        {
            image = await routing.EncoderFor(key).GetAsync(request);
        }
        catch (QrEncodingException e) when (e.IsClientError)
        {
            return PlainText(StatusCodes.Status400BadRequest, e.Message);
        }
        catch (QrEncodingException e)
        {
            loggers.CreateLogger(typeof(QrCodeApi).FullName!).LogError(e, "Encoding failed: {Reason}", e.Error);
            var status = e.Error == QrEncodingError.BackendFailed ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable;
            return PlainText(status, $"the encoder failed: {e.Message}");
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            loggers.CreateLogger(typeof(QrCodeApi).FullName!).LogError(e, "The cluster did not answer");
            return PlainText(StatusCodes.Status503ServiceUnavailable, "the encoding cluster is unavailable; try again");
        }

        SetCachingHeaders(http.Response, etag, caching.Value);
        http.Response.Headers["X-Cache"] = image.FromCache ? "HIT" : "MISS";
        return Png(http, image.Png);
    }

    private static bool IsNotModified(HttpRequest request, EntityTagHeaderValue etag) =>
        request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } candidates &&
        candidates.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(etag, useStrongComparison: false));

    private static void SetCachingHeaders(HttpResponse response, EntityTagHeaderValue etag, HttpCachingOptions caching)
    {
        var headers = response.GetTypedHeaders();
        headers.ETag = etag;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = caching.MaxAge, Extensions = { new NameValueHeaderValue("immutable") } };
    }

    /// <summary>The PNG, or for HEAD the same headers with no body (not every server drops a HEAD body by itself).</summary>
    private static IResult Png(HttpContext http, byte[] png)
    {
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            return TypedResults.Bytes(png, "image/png");
        }

        http.Response.ContentType = "image/png";
        http.Response.ContentLength = png.Length;
        return TypedResults.Empty;
    }

    private static IResult PlainText(int status, string reason) =>
        TypedResults.Text(reason + "\n", "text/plain; charset=utf-8", statusCode: status);
}
