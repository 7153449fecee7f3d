using System.Diagnostics;
using System.Runtime.Versioning;
using OrleansQr.Tests.Support;

namespace OrleansQr.Tests.Encoders;

/// <summary>Tier 1 turns every way a child process can go wrong into a typed error, and leaves no process behind.</summary>
[UnsupportedOSPlatform("windows")] // shell scripts stand in for the CLI
public sealed class CliEncoderFailureTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("orleansqr-cli-");

    [Fact]
    public async Task Missing_binary_is_reported_unavailable()
    {
        using var encoders = WithCli(Path.Combine(_scratch.FullName, "no-such-qr-cli"));

        var error = await Assert.ThrowsAsync<QrEncodingException>(() => Encode(encoders));

        Assert.Equal(QrEncodingError.BackendUnavailable, error.Error);
    }

    [Fact]
    public async Task Non_zero_exit_is_a_backend_failure_carrying_stderr()
    {
        var failing = Script("failing-cli", "cat > /dev/null; echo 'qr-cli: something broke' >&2; exit 7");
        using var encoders = WithCli(failing);

        var error = await Assert.ThrowsAsync<QrEncodingException>(() => Encode(encoders));

        Assert.Equal(QrEncodingError.BackendFailed, error.Error);
        Assert.Contains("status 7", error.Message);
        Assert.Contains("something broke", error.Message);
    }

    [Fact]
    public async Task Hung_process_times_out_and_is_killed()
    {
        var pidFile = Path.Combine(_scratch.FullName, "hung.pid");
        var hung = Script("hung-cli", $"echo $$ > '{pidFile}'; exec sleep 600");
        using var encoders = WithCli(hung, timeout: "00:00:00.500");

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<QrEncodingException>(() => Encode(encoders));

        Assert.Equal(QrEncodingError.Timeout, error.Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(300), "the 600 s child was waited for instead of killed");
        var pid = int.Parse(File.ReadAllText(pidFile).Trim());
        Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} is still there (running or a zombie)");
    }

    [Fact]
    public async Task Runs_beyond_the_limit_wait_their_turn()
    {
        var running = _scratch.CreateSubdirectory("running");
        var observed = Path.Combine(_scratch.FullName, "observed");
        // Each run counts the runs alive beside it (its own marker included), then stays a while.
        var counting = Script("counting-cli",
            $"cat > /dev/null; touch '{running.FullName}/'$$; ls '{running.FullName}' | wc -l >> '{observed}'; sleep 0.2; rm '{running.FullName}/'$$; echo image");
        using var encoders = EncoderFixture.With(new Dictionary<string, string?>
        {
            ["Qr:Cli:Path"] = counting,
            ["Qr:Cli:MaxConcurrentRuns"] = "2",
        });

        var images = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Encode(encoders)));

        Assert.All(images, image => Assert.Equal("image\n"u8.ToArray(), image));
        var concurrency = File.ReadAllLines(observed).Select(int.Parse).ToArray();
        Assert.Equal(6, concurrency.Length);
        Assert.All(concurrency, alive => Assert.InRange(alive, 1, 2));
    }

    [Fact]
    public async Task Exit_codes_of_the_real_cli_map_to_client_errors()
    {
        using var encoders = new EncoderFixture();

        var error = await Assert.ThrowsAsync<QrEncodingException>(
            () => encoders.Get(QrBackend.Cli).EncodeAsync(new QrRequest(DecodeCorpus.TooLongForAnySymbol)).AsTask());

        Assert.Equal(QrEncodingError.TextTooLong, error.Error);
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    private static Task<byte[]> Encode(EncoderFixture encoders) =>
        encoders.Get(QrBackend.Cli).EncodeAsync(new QrRequest("https://tourofrust.com")).AsTask();

    private static EncoderFixture WithCli(string path, string timeout = "00:00:05") => EncoderFixture.With(new Dictionary<string, string?>
    {
        ["Qr:Cli:Path"] = path,
        ["Qr:Cli:Timeout"] = timeout,
    });

    private string Script(string name, string body)
    {
        var path = Path.Combine(_scratch.FullName, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
