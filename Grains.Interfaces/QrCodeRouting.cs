namespace OrleansQr;

/// <summary>
/// How callers reach the encoder grains. Stateless workers run on the caller's silo, and an Orleans
/// client sends every call for one grain key through one gateway, so a single key would put all
/// work on one silo. Spreading texts over a pool of keys spreads them over the gateways, and so
/// over the silos; and because one text always maps to one key, concurrent requests for it meet
/// on one silo, where its cache coalesces them into a single encode.
/// </summary>
public static class QrCodeRouting
{
    /// <summary>Keys in the pool; many more than silos, so the hash spreads evenly.</summary>
    public const int WorkerKeys = 64;

    public static IQrEncoderGrain EncoderFor(this IGrainFactory grains, QrCacheKey key) =>
        grains.GetGrain<IQrEncoderGrain>(key.RoutingHash % WorkerKeys);
}
