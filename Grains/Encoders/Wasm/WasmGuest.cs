using System.Globalization;
using Wasmtime;

namespace OrleansQr.Encoders.Wasm;

/// <summary>
/// One instance of the tier-2 module with its own store. A store is not thread-safe, so a guest serves
/// one call at a time (the encoder pools them). After a trap the guest is <see cref="IsBroken"/> and
/// must be thrown away: its memory may be half-written.
/// </summary>
/// <remarks>
/// The module's hand-written ABI (native/qr-wasm): <c>qr_alloc(len) → ptr</c>, <c>qr_free(ptr, len)</c>,
/// <c>qr_encode_png(ptr, len, level) → i64</c> that is either <c>out_ptr &lt;&lt; 32 | out_len</c> (a buffer the host
/// frees) or a negative status, and <c>qr_fault_inject_trap()</c> for tests.
/// </remarks>
public sealed class WasmGuest : IDisposable
{
    private readonly WasmModuleHost _host;
    private readonly Store _store;
    private readonly Memory _memory;
    private readonly Func<int, int> _alloc;
    private readonly Action<int, int> _free;
    private readonly Func<int, int, int, long> _encode;
    private readonly Action _faultInjectTrap;

    internal WasmGuest(WasmModuleHost host, Engine engine, Module module, long memoryLimitBytes)
    {
        _host = host;
        _store = new Store(engine);
        _store.SetLimits(memorySize: memoryLimitBytes);
        try
        {
            // The module imports nothing, so an empty linker instantiates it.
            using var linker = new Linker(engine);
            var instance = linker.Instantiate(_store, module);
            _memory = instance.GetMemory("memory") ?? throw MissingExport("memory");
            _alloc = instance.GetFunction<int, int>("qr_alloc") ?? throw MissingExport("qr_alloc");
            _free = instance.GetAction<int, int>("qr_free") ?? throw MissingExport("qr_free");
            _encode = instance.GetFunction<int, int, int, long>("qr_encode_png") ?? throw MissingExport("qr_encode_png");
            _faultInjectTrap = instance.GetAction("qr_fault_inject_trap") ?? throw MissingExport("qr_fault_inject_trap");
        }
        catch
        {
            _store.Dispose();
            throw;
        }
    }

    /// <summary>True once a call trapped; the pool then drops the guest.</summary>
    public bool IsBroken { get; private set; }

    /// <summary>Encodes UTF-8 text; returns the PNG, or null with the Rust status in <paramref name="status"/>.</summary>
    /// <exception cref="QrEncodingException">The guest trapped or overran its time bound; the guest is now broken.</exception>
    public byte[]? Encode(ReadOnlySpan<byte> utf8, ErrorCorrectionLevel level, out int status)
    {
        _store.SetEpochDeadline(_host.CallDeadlineTicks);
        try
        {
            var input = _alloc(utf8.Length);
            if (input == 0)
            {
                throw new QrEncodingException(QrEncodingError.BackendFailed, "the wasm guest could not allocate its input buffer");
            }

            // Memory views are taken fresh after every call: any call may grow (and so move) linear memory.
            utf8.CopyTo(_memory.GetSpan(input, utf8.Length));
            var result = _encode(input, utf8.Length, (int)level);
            _free(input, utf8.Length);
            if (result < 0)
            {
                status = (int)-result;
                return null;
            }

            var outputPointer = (int)(result >>> 32);
            var outputLength = (int)(result & 0xFFFF_FFFF);
            var png = _memory.GetSpan(outputPointer, outputLength).ToArray();
            _free(outputPointer, outputLength);
            status = RustStatus.Ok;
            return png;
        }
        catch (TrapException e)
        {
            throw Trapped(e);
        }
    }

    /// <summary>Makes the guest trap on purpose, for tests of trap handling.</summary>
    public void InjectTrap()
    {
        _store.SetEpochDeadline(_host.CallDeadlineTicks);
        try
        {
            _faultInjectTrap();
        }
        catch (TrapException e)
        {
            throw Trapped(e);
        }
    }

    public void Dispose() => _store.Dispose();

    private QrEncodingException Trapped(TrapException trap)
    {
        IsBroken = true;
        return trap.Type == TrapCode.Interrupt
            ? new QrEncodingException(QrEncodingError.Timeout,
                string.Create(CultureInfo.InvariantCulture, $"the wasm guest ran past its {_host.CallTimeout.TotalMilliseconds:0} ms bound and was interrupted"), trap)
            : new QrEncodingException(QrEncodingError.BackendFailed, $"the wasm guest trapped ({trap.Type})", trap);
    }

    private static QrEncodingException MissingExport(string name) =>
        new(QrEncodingError.BackendUnavailable, $"the wasm module has no export '{name}'; rebuild native/qr-wasm");
}
