namespace OrleansQr;

/// <summary>
/// The in-process tiers an encoder grain can run. Tier 4 (the pure-Rust <c>qr-server</c>) is a
/// separate program with the same HTTP contract, so it has no member here.
/// </summary>
[GenerateSerializer, Alias("qr.QrBackend")]
public enum QrBackend
{
    /// <summary>Tier 0: QRCoder, managed code, no Rust.</summary>
    Managed = 0,

    /// <summary>Tier 1: the Rust <c>qr-cli</c> program, one process per request.</summary>
    Cli = 1,

    /// <summary>Tier 2: the Rust core compiled to wasm32, run by Wasmtime in-process.</summary>
    Wasm = 2,

    /// <summary>Tier 3: the Rust core as a native library, called through P/Invoke.</summary>
    Native = 3,
}
