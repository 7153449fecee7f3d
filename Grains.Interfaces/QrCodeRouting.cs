namespace OrleansQr;

/// <summary>
/// How callers reach the encoder grains. Stateless workers run on the caller's silo, and an Orleans
/// client sends every call for one grain key through one gateway, so a single key would put all
/// work on one silo. Spreading texts over a pool of keys spreads them over the gateways, and so
/// over the silos; and because one text always maps to one key, concurrent requests for it meet
/// on one silo, where its cache coalesces them into a single encode.
/// </summary>
/// <remarks>
/// One instance per grain factory: the pool's references are made once, because resolving a grain
/// interface by reflection on every request cost about 3% of the API's CPU under load.
/// </remarks>
public sealed class QrCodeRouting(IGrainFactory grains)
{
    /// <summary>Keys in the pool; many more than silos, so the hash spreads evenly.</summary>
    public const int WorkerKeys = 64;

    private readonly IQrEncoderGrain[] _encoders =
        [.. Enumerable.Range(0, WorkerKeys).Select(workerKey => grains.GetGrain<IQrEncoderGrain>(workerKey))];

    public IQrEncoderGrain EncoderFor(QrCacheKey key) => _encoders[key.RoutingHash % WorkerKeys];
}
