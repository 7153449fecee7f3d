using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrleansQr.Bench;

/// <summary>Where the runner says what it is doing.</summary>
public interface IProgressView
{
    void Set(string config, string workload, string status, TimeSpan? expected);

    void Done(string config, string workload, RunResult result);

    /// <summary>A step outside the grid (the microbenchmarks).</summary>
    void Set(string section, string text);
}

/// <summary>
/// A live grid (Spectre.Console) on a terminal: a row per configuration, a column per workload,
/// each cell waiting, running (with seconds left) or its result.
/// </summary>
public sealed class LiveView(BenchOptions options, TimeSpan estimate, string logDir) : IProgressView
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string, string), (string Status, DateTime Since, TimeSpan? Expected)> _running = [];
    private readonly Dictionary<(string, string), RunResult> _done = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private string _section = "";

    public void Set(string config, string workload, string status, TimeSpan? expected)
    {
        lock (_lock) _running[(config, workload)] = (status, DateTime.UtcNow, expected);
    }

    public void Done(string config, string workload, RunResult result)
    {
        lock (_lock)
        {
            _running.Remove((config, workload));
            _done[(config, workload)] = result;
        }
    }

    public void Set(string section, string text)
    {
        lock (_lock) _section = $"{section}: {text}";
    }

    /// <summary>Runs the work while the grid redraws twice a second.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        T result = default!;
        await AnsiConsole.Live(Render()).AutoClear(false).Overflow(VerticalOverflow.Visible).StartAsync(async ctx =>
        {
            var task = work();
            while (!task.IsCompleted)
            {
                await Task.WhenAny(task, Task.Delay(500));
                ctx.UpdateTarget(Render());
                ctx.Refresh();
            }

            result = await task;
            ctx.UpdateTarget(Render());
            ctx.Refresh();
        });
        return result;
    }

    private IRenderable Render()
    {
        lock (_lock)
        {
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("configuration");
            foreach (var w in options.Workloads) table.AddColumn(new TableColumn(w).RightAligned());
            foreach (var c in options.Configurations)
            {
                var cells = new List<IRenderable> { new Markup(Markup.Escape(c)) };
                foreach (var w in options.Workloads) cells.Add(Cell(c, w));
                table.AddRow(cells);
            }

            var elapsed = _clock.Elapsed;
            var header = new Markup($"[bold]OrleansQr bench[/]{(options.Quick ? " [yellow](QUICK)[/]" : "")}  " +
                                    $"elapsed {elapsed:mm\\:ss} of ~{estimate:mm\\:ss}  " +
                                    $"[grey]wrk -t{options.Threads} -c{options.Connections}, {options.WarmupSeconds} s warm-up + {options.DurationSeconds} s load per cell[/]");
            var footer = new Markup($"[grey]{Markup.Escape(_section.Length > 0 ? _section : "microbenchmarks after the load")}  ·  logs: {Markup.Escape(logDir)}[/]");
            return new Rows(header, table, footer);
        }
    }

    private Markup Cell(string config, string workload)
    {
        if (_done.TryGetValue((config, workload), out var r))
        {
            return r.Failed
                ? new Markup($"[red]failed[/] [grey]{Markup.Escape(Shorten(r.Failure ?? "", 40))}[/]")
                : new Markup($"[green]{r.Throughput.ToString("N0", CultureInfo.InvariantCulture)}/s[/] p99 {Report.Ms(r.P99LatencyMs)} {Report.Mib(r.PeakRssBytes)}" +
                             (r.Non2xx + r.SocketErrors > 0 ? $" [red]{r.Non2xx + r.SocketErrors:N0} err[/]" : ""));
        }

        if (_running.TryGetValue((config, workload), out var s))
        {
            var secs = (DateTime.UtcNow - s.Since).TotalSeconds;
            var progress = s.Expected is { } e ? $" {Math.Min(secs, e.TotalSeconds):0}/{e.TotalSeconds:0} s" : $" {secs:0} s";
            return new Markup($"[yellow]{s.Status}{progress}[/]");
        }

        return new Markup("[grey]·[/]");
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

/// <summary>Plain lines, for logs and terminals that cannot redraw.</summary>
public sealed class PlainView : IProgressView
{
    public void Set(string config, string workload, string status, TimeSpan? expected) =>
        Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {config}/{workload}: {status}{(expected is { } e ? $" ({e.TotalSeconds:0} s)" : "")}");

    public void Done(string config, string workload, RunResult r) =>
        Console.WriteLine(r.Failed
            ? $"[{DateTime.Now:HH:mm:ss}] {config}/{workload}: FAILED: {r.Failure}"
            : $"[{DateTime.Now:HH:mm:ss}] {config}/{workload}: {r.Throughput:N0} req/s, avg {Report.Ms(r.AvgLatencyMs)}, p99 {Report.Ms(r.P99LatencyMs)}, {Report.Mib(r.PeakRssBytes)}, non-2xx {r.Non2xx}, socket errors {r.SocketErrors}");

    public void Set(string section, string text) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {section}: {text}");
}
