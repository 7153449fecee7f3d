using OrleansQr.Api;
using OrleansQr.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

// A silo in this process (the default), or a client of separate silos (Cluster:Mode=Client).
builder.AddOrleansQrCluster();
builder.AddRequestLimits();
builder.Services.AddOptions<HttpCachingOptions>().BindConfiguration(HttpCachingOptions.SectionName);

var app = builder.Build();

app.MapQrCodeApi();

app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
