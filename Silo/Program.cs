using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansQr.Hosting;

var builder = Host.CreateApplicationBuilder(args);

// A silo of the cluster (Redis membership with ConnectionStrings:redis, else a cluster of one),
// hosting the encoder grains with the tier of Qr:Backend and the hot-text cache.
builder.UseOrleans(silo => silo.AddOrleansQrSilo(builder.Configuration));

// Stopping lets the silo leave the cluster cleanly, handing its work to the others.
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));

await builder.Build().RunAsync();
