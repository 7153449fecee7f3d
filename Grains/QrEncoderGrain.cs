using Orleans.Concurrency;
using OrleansQr.Caching;

namespace OrleansQr;

/// <summary>
/// Wraps the configured tier (and its cache) as a stateless worker: as many activations per silo as
/// cores, each on its caller's silo, so no call hops the network to encode. Reentrant so an activation
/// waiting on Redis or on a <c>qr-cli</c> process takes other requests meanwhile. Cancellation does not
/// reach stateless workers in Orleans 10, so every tier bounds its own run time.
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed class QrEncoderGrain(QrImageSource images) : Grain, IQrEncoderGrain
{
    public ValueTask<QrImage> GetAsync(QrRequest request) => images.GetAsync(request);
}
