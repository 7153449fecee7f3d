namespace OrleansQr.Api;

/// <summary>How long clients and proxies may keep an image, bound from <c>Qr:Http</c>.</summary>
public sealed class HttpCachingOptions
{
    public const string SectionName = "Qr:Http";

    /// <summary>The image is a pure function of the URL, so it may be kept as long as caches care to: a year by default.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(365);
}
