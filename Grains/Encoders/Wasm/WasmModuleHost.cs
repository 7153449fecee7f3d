using Microsoft.Extensions.Options;
using Wasmtime;

namespace OrleansQr.Encoders.Wasm;

/// <summary>
/// What all tier-2 guests share, once per process: the Wasmtime engine, the compiled module and the
/// epoch ticker that bounds every call's wall-clock time. Engine and Module are thread-safe; the
/// per-caller state lives in <see cref="WasmGuest"/>.
/// </summary>
public sealed class WasmModuleHost : IDisposable
{
    /// <summary>One epoch tick; a call's deadline is a whole number of ticks.</summary>
    private static readonly TimeSpan EpochTick = TimeSpan.FromMilliseconds(10);

    private readonly WasmEncoderOptions _options;
    private readonly Engine _engine;
    private readonly Lazy<Module> _module;
    private readonly Timer _epochTicker;

    public WasmModuleHost(IOptions<QrEncoderOptions> options)
    {
        _options = options.Value.Wasm;
        _engine = new Engine(new Config().WithEpochInterruption(true));
        _module = new Lazy<Module>(LoadModule);
        _epochTicker = new Timer(_ => _engine.IncrementEpoch(), null, EpochTick, EpochTick);
    }

    /// <summary>The deadline, in epoch ticks, that each call into a guest gets.</summary>
    internal ulong CallDeadlineTicks => (ulong)Math.Max(1, Math.Ceiling(_options.Timeout / EpochTick));

    internal TimeSpan CallTimeout => _options.Timeout;

    /// <summary>Instantiates a fresh guest with its own store and linear memory.</summary>
    /// <exception cref="QrEncodingException">The module is missing or does not have the expected exports.</exception>
    public WasmGuest CreateGuest() => new(this, _engine, _module.Value, _options.MemoryLimitBytes);

    public void Dispose()
    {
        _epochTicker.Dispose();
        if (_module.IsValueCreated)
        {
            _module.Value.Dispose();
        }

        _engine.Dispose();
    }

    private Module LoadModule()
    {
        if (!File.Exists(_options.ModulePath))
        {
            throw new QrEncodingException(QrEncodingError.BackendUnavailable, $"the wasm module was not found at {_options.ModulePath}; run 'make native'");
        }

        try
        {
            return Module.FromFile(_engine, _options.ModulePath);
        }
        catch (WasmtimeException e)
        {
            throw new QrEncodingException(QrEncodingError.BackendUnavailable, $"the wasm module at {_options.ModulePath} did not compile: {e.Message}", e);
        }
    }
}
