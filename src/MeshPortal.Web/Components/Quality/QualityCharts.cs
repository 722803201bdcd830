using System.Globalization;
using MeshPortal.Web.Features.Quality;
using MudBlazor;

namespace MeshPortal.Web.Components.Quality;

/// <summary>The series, labels and options the quality charts share: scores on 0–100 %, runs oldest first, few enough labels to read.</summary>
public static class QualityCharts
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    /// <summary>Mid-tone colours readable on light and dark surfaces (SVG attributes cannot take the theme's CSS variables).</summary>
    public static readonly string[] Palette = ["#5c6bc0", "#26a69a", "#ef6c00", "#8e24aa", "#00897b", "#d81b60", "#7cb342", "#546e7a"];

    public static readonly string[] FailedPalette = ["#e53935"];

    /// <summary>At most this many x-axis labels, evenly spread, so dates do not overlap.</summary>
    public const int MaxLabels = 8;

    public static LineChartOptions ScoreLine() => new()
    {
        ChartPalette = Palette,
        YAxisTicks = 20,
        MaxNumYAxisTicks = 6,
        YAxisSuggestedMax = 100,
        YAxisRequireZeroPoint = true,
        YAxisToStringFunc = v => v.ToString("0", Culture) + " %",
        ShowDataMarkers = true,
        ConnectNullPoints = true,
        LineStrokeWidth = 3,
        InterpolationOption = InterpolationOption.Straight,
        ShowLegend = true,
        ShowToolTips = true,
    };

    public static BarChartOptions ScoreBars() => new()
    {
        ChartPalette = Palette,
        YAxisTicks = 20,
        MaxNumYAxisTicks = 6,
        YAxisSuggestedMax = 100,
        YAxisToStringFunc = v => v.ToString("0", Culture) + " %",
        ShowLegend = false,
        ShowToolTips = true,
        BarWidthRatio = 0.6,
    };

    public static BarChartOptions CountBars() => new()
    {
        ChartPalette = FailedPalette,
        YAxisTicks = 1,
        MaxNumYAxisTicks = 6,
        YAxisToStringFunc = v => v.ToString("0", Culture),
        ShowLegend = false,
        ShowToolTips = true,
        BarWidthRatio = 0.6,
    };

    /// <summary>The trend's points oldest first.</summary>
    public static IReadOnlyList<QualityTrendPoint> Chronological(IEnumerable<QualityTrendPoint> trend) => trend.OrderBy(p => p.At).ToList();

    /// <summary>A label per point ("3 Mar", "3 Mar 14:05" when several runs share a day), blank between the shown ones.</summary>
    public static string[] Labels(IReadOnlyList<DateTimeOffset> times)
    {
        var sameDay = times.GroupBy(t => t.UtcDateTime.Date).Any(g => g.Count() > 1);
        var step = Math.Max(1, (int)Math.Ceiling(times.Count / (double)MaxLabels));
        return times.Select((t, i) => i % step == 0 || i == times.Count - 1
                ? t.UtcDateTime.ToString(sameDay ? "d MMM HH:mm" : "d MMM", Culture)
                : "")
            .ToArray();
    }

    public static ChartSeries<double> Series(string name, IReadOnlyList<double> values, bool visible = true) =>
        new() { Name = name, Data = new ChartData<double>(values), Visible = visible };

    /// <summary>
    /// A line with gaps (a dimension not measured in some runs) as one without: each gap carries the last known value,
    /// and a leading gap the first one, rather than dropping to 0.
    /// </summary>
    public static IReadOnlyList<double> Filled(IReadOnlyList<double?> values)
    {
        var first = values.FirstOrDefault(v => v is not null) ?? 0;
        double? last = null;
        return values.Select(v => (last = v ?? last) ?? first).ToList();
    }

    /// <summary>"up from 75 % to 83 % over 6 scored runs": the trend in words, for screen readers and as a caption.</summary>
    public static string Summary(IReadOnlyList<QualityTrendPoint> points)
    {
        var scored = points.Where(p => p.Score is not null).ToList();
        if (scored.Count == 0) return $"{QualityText.Plural(points.Count, "run", "runs")}, none with a score";
        if (scored.Count == 1) return $"one scored run: {QualityText.Score(scored[0].Score)}";
        var first = scored[0].Score!.Value;
        var last = scored[^1].Score!.Value;
        var runs = QualityText.Plural(scored.Count, "scored run", "scored runs");
        if (Math.Abs(last - first) < 0.05) return $"steady at {QualityText.Score(last)} over {runs}";
        return $"{(last > first ? "up" : "down")} from {QualityText.Score(first)} to {QualityText.Score(last)} over {runs}";
    }
}
