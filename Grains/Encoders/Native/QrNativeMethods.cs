using System.Runtime.InteropServices;

namespace OrleansQr.Encoders.Native;

/// <summary>
/// The C ABI of <c>libqrnative.so</c> (native/qr-ffi/include/qrnative.h). The caller owns every
/// buffer: Rust writes into <paramref name="output"/> or says how large it must be.
/// The library is found by the runtime's default probing, next to this assembly.
/// </summary>
internal static partial class QrNativeMethods
{
    private const string Library = "qrnative";

    [LibraryImport(Library, EntryPoint = "qr_encode_png")]
    internal static partial int EncodePng(
        ReadOnlySpan<byte> text, nuint textLength, uint errorCorrectionLevel,
        Span<byte> output, nuint outputCapacity, out nuint outputLength);

    /// <summary>Panics inside the library's panic guard; exists so tests can prove a panic does not cross the boundary.</summary>
    [LibraryImport(Library, EntryPoint = "qr_fault_inject_panic")]
    internal static partial int FaultInjectPanic();
}
