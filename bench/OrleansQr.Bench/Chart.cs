using ScottPlot;
using SkiaSharp;

namespace OrleansQr.Bench;

/// <summary>
/// One figure, two panels: throughput (linear) above p99 latency (log scale), a group of bars per
/// configuration, one bar per workload. Written as PNG and SVG.
/// </summary>
public static class Chart
{
    private const int Width = 1200;
    private const int PanelHeight = 430;

    private static readonly Dictionary<string, Color> WorkloadColors = new()
    {
        ["hot"] = Color.FromHex("#d9534f"),
        ["cold"] = Color.FromHex("#337ab7"),
        ["mixed"] = Color.FromHex("#5cb85c"),
    };

    public static void Write(BenchRun run, string pngPath, string svgPath)
    {
        var configs = run.Configurations;
        var workloads = run.Workloads;
        var title = $"OrleansQr benchmark, {run.Date[..10]}, {run.Machine.Cores} cores, wrk -c{run.Connections} {run.DurationSeconds} s{(run.Quick ? " (QUICK)" : "")}";

        using var throughput = Panel(run, configs, workloads, r => r.Throughput, log: false, "Throughput (responses/s, higher is better)", title);
        using var p99 = Panel(run, configs, workloads, r => r.P99LatencyMs, log: true, "p99 latency (ms, log scale, lower is better)", null);

        var size = new SKImageInfo(Width, PanelHeight * 2);
        using (var surface = SKSurface.Create(size))
        {
            Render(surface.Canvas, throughput, p99);
            using var image = surface.Snapshot();
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            using var file = File.Create(pngPath);
            png.SaveTo(file);
        }

        using (var file = File.Create(svgPath))
        {
            using var canvas = SKSvgCanvas.Create(new SKRect(0, 0, size.Width, size.Height), file);
            Render(canvas, throughput, p99);
        }
    }

    private static void Render(SKCanvas canvas, Plot top, Plot bottom)
    {
        canvas.Clear(SKColors.White);
        var y = 0;
        foreach (var plot in new[] { top, bottom })
        {
            // A plot clears what it renders into: clip it to its own panel.
            canvas.Save();
            canvas.ClipRect(new SKRect(0, y, Width, y + PanelHeight));
            plot.Render(canvas, new PixelRect(new Pixel(0, y), new PixelSize(Width, PanelHeight)));
            canvas.Restore();
            y += PanelHeight;
        }

        canvas.Flush();
    }

    private static Plot Panel(BenchRun run, IReadOnlyList<string> configs, IReadOnlyList<string> workloads, Func<RunResult, double> value,
        bool log, string yLabel, string? title)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var group = workloads.Count + 1.0; // one empty slot between groups
        var bars = new List<Bar>();
        double max = 0, min = double.MaxValue;
        foreach (var r in run.Results.Where(r => !r.Failed && value(r) > 0))
        {
            max = Math.Max(max, value(r));
            min = Math.Min(min, value(r));
        }

        // Log panel: bars grow from one decade under the smallest value, so every bar is visible.
        var logBase = min == double.MaxValue ? 0 : Math.Floor(Math.Log10(min)) - 0.3;
        var topValue = log ? Math.Ceiling(Math.Log10(Math.Max(max, 1))) + 0.15 : max * 1.22;
        for (var c = 0; c < configs.Count; c++)
        {
            for (var w = 0; w < workloads.Count; w++)
            {
                var position = c * group + w;
                var r = run.Results.FirstOrDefault(x => x.Configuration == configs[c] && x.Workload == workloads[w]);
                if (r is null) continue;
                if (r.Failed || value(r) <= 0)
                {
                    var failed = plot.Add.Text("failed", position, log ? logBase : 0);
                    failed.LabelRotation = -90;
                    failed.LabelFontSize = 11;
                    failed.LabelFontColor = Colors.DarkRed;
                    failed.LabelAlignment = Alignment.MiddleLeft;
                    continue;
                }

                var v = value(r);
                bars.Add(new Bar
                {
                    Position = position,
                    Value = log ? Math.Log10(v) : v,
                    ValueBase = log ? logBase : 0,
                    FillColor = WorkloadColors.GetValueOrDefault(workloads[w], Colors.Gray),
                    LineWidth = 0,
                    Size = 0.9,
                    Label = Compact(v),
                });
            }
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 10;
        barPlot.ValueLabelStyle.Rotation = 0;

        var labels = configs.Select(c => ShortLabel(run, c)).ToArray();
        var positions = configs.Select((_, c) => c * group + (workloads.Count - 1) / 2.0).ToArray();
        plot.Axes.Bottom.SetTicks(positions, labels);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;

        if (log)
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            for (var decade = (int)Math.Floor(logBase); decade <= (int)Math.Ceiling(topValue); decade++)
            {
                ticks.AddMajor(decade, Compact(Math.Pow(10, decade)));
                for (var m = 2; m < 10; m++) ticks.AddMinor(decade + Math.Log10(m));
            }

            plot.Axes.Left.TickGenerator = ticks;
            plot.Axes.SetLimitsY(logBase, topValue);
        }
        else
        {
            plot.Axes.SetLimitsY(0, Math.Max(topValue, 1));
        }

        plot.Axes.SetLimitsX(-0.8, configs.Count * group - 1.2);
        plot.YLabel(yLabel, 13);
        if (title is not null) plot.Title(title, 15);

        if (title is not null)
        {
            // One legend for both panels, where the baseline's short throughput bars leave room.
            plot.ShowLegend(workloads.Select(w => new LegendItem
            {
                LabelText = w,
                FillColor = WorkloadColors.GetValueOrDefault(w, Colors.Gray),
                LineWidth = 0,
            }), Alignment.UpperLeft);
        }

        return plot;
    }

    private static string ShortLabel(BenchRun run, string config)
    {
        var backend = run.Results.FirstOrDefault(r => r.Configuration == config)?.Backend;
        return config switch
        {
            "cached" => $"{backend ?? "best"}+cache",
            "cluster" => $"2 silos ({backend ?? "best"})",
            _ => config,
        };
    }

    /// <summary>12345 → "12.3k", 0.5 → "0.5", 250 → "250".</summary>
    public static string Compact(double v) => v switch
    {
        >= 100_000 => $"{v / 1000:0}k",
        >= 10_000 => $"{v / 1000:0.#}k",
        >= 1000 => $"{v / 1000:0.##}k",
        >= 100 => $"{v:0}",
        >= 10 => $"{v:0.#}",
        >= 1 => $"{v:0.##}",
        _ => $"{v:0.###}",
    };
}
