using System.Buffers;

namespace OrleansQr.Encoders.Native;

/// <summary>
/// Tier 3: the Rust core as a native library, called through source-generated P/Invoke.
/// Spans are pinned, not copied; the PNG is written into a pooled buffer sized for the common case,
/// and the call is repeated once with the exact size when a large symbol does not fit it.
/// </summary>
public sealed class NativeQrEncoder : IQrEncoder
{
    /// <summary>Enough for every PNG of a 512-byte text; larger symbols take the second call.</summary>
    private const int InitialBufferBytes = 16 * 1024;

    public QrBackend Backend => QrBackend.Native;

    public ValueTask<byte[]> EncodeAsync(QrRequest request, CancellationToken cancellationToken = default)
    {
        var utf8 = QrText.ToUtf8(request.Text);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        try
        {
            var status = Encode(utf8, request.Level, buffer, out var length);
            if (status == RustStatus.BufferTooSmall)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = ArrayPool<byte>.Shared.Rent(checked((int)length));
                status = Encode(utf8, request.Level, buffer, out length);
            }

            if (status != RustStatus.Ok)
            {
                throw RustStatus.ToException(status, request, utf8.Length, "native");
            }

            return ValueTask.FromResult(buffer.AsSpan(0, checked((int)length)).ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Runs the library's fault-injection hook; the result is the status the host sees.</summary>
    public static int InjectPanic()
    {
        try
        {
            return QrNativeMethods.FaultInjectPanic();
        }
        catch (Exception e) when (IsLoadFailure(e))
        {
            throw Unavailable(e);
        }
    }

    private static int Encode(byte[] utf8, ErrorCorrectionLevel level, byte[] buffer, out nuint length)
    {
        try
        {
            return QrNativeMethods.EncodePng(utf8, (nuint)utf8.Length, (uint)level, buffer, (nuint)buffer.Length, out length);
        }
        catch (Exception e) when (IsLoadFailure(e))
        {
            throw Unavailable(e);
        }
    }

    private static bool IsLoadFailure(Exception e) =>
        e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException;

    private static QrEncodingException Unavailable(Exception e) =>
        new(QrEncodingError.BackendUnavailable, $"libqrnative.so could not be loaded: {e.Message}; run 'make native'", e);
}
