using Microsoft.Extensions.DependencyInjection;
using OrleansQr.Encoders.Cli;
using OrleansQr.Encoders.Managed;
using OrleansQr.Encoders.Native;
using OrleansQr.Encoders.Wasm;

namespace OrleansQr.Encoders;

public static class EncodingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the four in-process tiers, each as a keyed <see cref="IQrEncoder"/> (key: its
    /// <see cref="QrBackend"/>), and the configured one (<c>Qr:Backend</c>) as the unkeyed default.
    /// </summary>
    public static IServiceCollection AddQrEncoders(this IServiceCollection services)
    {
        services.AddOptions<QrEncoderOptions>().BindConfiguration(QrEncoderOptions.SectionName);
        services.AddSingleton<WasmModuleHost>();
        services.AddKeyedSingleton<IQrEncoder, ManagedQrEncoder>(QrBackend.Managed);
        services.AddKeyedSingleton<IQrEncoder, CliQrEncoder>(QrBackend.Cli);
        services.AddKeyedSingleton<IQrEncoder, WasmQrEncoder>(QrBackend.Wasm);
        services.AddKeyedSingleton<IQrEncoder, NativeQrEncoder>(QrBackend.Native);
        services.AddSingleton(sp =>
        {
            var backend = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<QrEncoderOptions>>().Value.Backend;
            return sp.GetRequiredKeyedService<IQrEncoder>(backend);
        });
        return services;
    }
}
