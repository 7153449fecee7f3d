using OrleansQr.Hosting;

namespace OrleansQr.Api.Extensions;

public static class ClusterExtensions
{
    /// <summary>
    /// Joins the Orleans cluster as <c>Cluster:Mode</c> says: <c>Embedded</c> (the default) makes this
    /// process a silo too, so one process serves everything with no Redis needed; <c>Client</c> reaches
    /// separate silo processes through the gateways listed in Redis.
    /// </summary>
    public static WebApplicationBuilder AddOrleansQrCluster(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetClusterSettings().Mode == ClusterMode.Client)
        {
            builder.UseOrleansClient(client => client.AddOrleansQrClient(builder.Configuration));
        }
        else
        {
            builder.UseOrleans(silo => silo.AddOrleansQrSilo(builder.Configuration));
        }

        builder.Services.AddSingleton<QrCodeRouting>();
        return builder;
    }

    /// <summary>
    /// Bounds what a client can make the server read before any handler runs. A /qrcode URL needs at
    /// most about 1.6 KB (512 bytes, each escaped as %XX); longer request lines get Kestrel's 414.
    /// </summary>
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxRequestBodySize = 0; // GET and HEAD only
        });
        return builder;
    }
}
