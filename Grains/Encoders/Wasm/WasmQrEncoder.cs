using Microsoft.Extensions.ObjectPool;

namespace OrleansQr.Encoders.Wasm;

/// <summary>
/// Tier 2: the Rust core compiled to wasm32 and run by Wasmtime in-process. Each concurrent caller
/// borrows its own <see cref="WasmGuest"/> (store + instance) from a pool, because stores are not
/// thread-safe; a guest that trapped is disposed instead of returned, so the next call gets a fresh one.
/// </summary>
public sealed class WasmQrEncoder : IQrEncoder, IDisposable
{
    private readonly ObjectPool<WasmGuest> _guests;

    public WasmQrEncoder(WasmModuleHost host)
    {
        var provider = new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 2 };
        // For IDisposable types the provider returns a pool that disposes whatever it does not keep.
        _guests = provider.Create(new GuestPolicy(host));
    }

    public QrBackend Backend => QrBackend.Wasm;

    public ValueTask<byte[]> EncodeAsync(QrRequest request, CancellationToken cancellationToken = default)
    {
        var utf8 = QrText.ToUtf8(request.Text);
        var guest = _guests.Get();
        try
        {
            var png = guest.Encode(utf8, request.Level, out var status);
            return png is not null
                ? ValueTask.FromResult(png)
                : throw RustStatus.ToException(status, request, utf8.Length, "wasm");
        }
        finally
        {
            _guests.Return(guest);
        }
    }

    /// <summary>Makes one pooled guest trap, for tests that the pool recovers.</summary>
    public void InjectTrap()
    {
        var guest = _guests.Get();
        try
        {
            guest.InjectTrap();
        }
        finally
        {
            _guests.Return(guest);
        }
    }

    public void Dispose() => (_guests as IDisposable)?.Dispose();

    private sealed class GuestPolicy(WasmModuleHost host) : IPooledObjectPolicy<WasmGuest>
    {
        public WasmGuest Create() => host.CreateGuest();

        /// <summary>A broken guest is not kept; the pool disposes what it does not keep.</summary>
        public bool Return(WasmGuest guest) => !guest.IsBroken;
    }
}
