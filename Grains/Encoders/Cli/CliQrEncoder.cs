using System.ComponentModel;
using System.Globalization;
using System.Text;
using CliWrap;
using Microsoft.Extensions.Options;

namespace OrleansQr.Encoders.Cli;

/// <summary>
/// Tier 1: one <c>qr-cli</c> process per request, as the tier is defined. The text goes over standard
/// input (no argument injection, no length limit), the PNG comes back on standard output, and the exit
/// code carries the shared Rust status. Each run is bounded in time and killed when it overstays, and
/// at most <see cref="CliEncoderOptions.MaxConcurrentRuns"/> run at once.
/// </summary>
public sealed class CliQrEncoder(IOptions<QrEncoderOptions> options) : IQrEncoder, IDisposable
{
    private readonly CliEncoderOptions _options = options.Value.Cli;
    private readonly SemaphoreSlim _runSlots = new(Math.Max(1, options.Value.Cli.MaxConcurrentRuns));

    public QrBackend Backend => QrBackend.Cli;

    public async ValueTask<byte[]> EncodeAsync(QrRequest request, CancellationToken cancellationToken = default)
    {
        var utf8 = QrText.ToUtf8(request.Text);
        if (!File.Exists(_options.Path))
        {
            throw new QrEncodingException(QrEncodingError.BackendUnavailable, $"qr-cli was not found at {_options.Path}; run 'make native'");
        }

        using var output = new MemoryStream();
        var errors = new StringBuilder();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);

        CommandResult result;
        var holdsSlot = false;
        try
        {
            await _runSlots.WaitAsync(deadline.Token);
            holdsSlot = true;

            // CliWrap kills the process when the token fires and always waits for it, so none is left behind.
            result = await CliWrap.Cli.Wrap(_options.Path)
                .WithArguments(["--ec", request.Level.ToString()])
                .WithStandardInputPipe(PipeSource.FromBytes(utf8))
                .WithStandardOutputPipe(PipeTarget.ToStream(output))
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new QrEncodingException(QrEncodingError.Timeout, holdsSlot
                ? string.Create(CultureInfo.InvariantCulture, $"qr-cli did not finish within {_options.Timeout.TotalMilliseconds:0} ms and was killed")
                : string.Create(CultureInfo.InvariantCulture, $"all {_options.MaxConcurrentRuns} qr-cli slots stayed busy for {_options.Timeout.TotalMilliseconds:0} ms"));
        }
        catch (Win32Exception e)
        {
            throw new QrEncodingException(QrEncodingError.BackendUnavailable, $"qr-cli could not be started: {e.Message}", e);
        }
        finally
        {
            if (holdsSlot)
            {
                _runSlots.Release();
            }
        }

        if (result.ExitCode != RustStatus.Ok)
        {
            throw RustStatus.ToException(result.ExitCode, request, utf8.Length, "cli", errors.ToString());
        }

        return output.ToArray();
    }

    public void Dispose() => _runSlots.Dispose();
}
