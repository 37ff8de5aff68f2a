using System.Globalization;
using HeyHo.Api.Features.Insights;
using ScottPlot;

namespace HeyHo.Api.Web.Charts;

/// <summary>The insights charts as SVG (ScottPlot): no scripts, no style attributes – images the pages' CSP allows.</summary>
public static class InsightsCharts
{
    public const int Width = 800;
    public const int Height = 360;

    private static readonly string[] Weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// <summary>Active time per local day, in minutes, one bar a day.</summary>
    public static string Daily(GetDaily.Response daily)
    {
        var plot = new Plot();
        var bars = plot.Add.Bars(daily.Days.Select(d => Minutes(d.ActiveTime)).ToArray());
        bars.Color = Colors.SteelBlue;
        var every = Math.Max(1, daily.Days.Count / 10);
        var ticks = daily.Days.Select((d, i) => (d, i)).Where(x => x.i % every == 0).ToArray();
        plot.Axes.Bottom.SetTicks(
            [.. ticks.Select(x => (double)x.i)],
            [.. ticks.Select(x => x.d.Date.ToString(daily.Days.Count > 14 ? "d MMM" : "ddd d", CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimitsY(0, Math.Max(1, daily.Days.Max(d => Minutes(d.ActiveTime)) * 1.1));
        plot.YLabel("Active time (minutes)");
        return plot.GetSvgXml(Width, Height);
    }

    /// <summary>The top domains' active time in minutes, horizontal bars, the most active at the top.</summary>
    public static string Domains(GetDomains.Response domains)
    {
        var plot = new Plot();
        var items = domains.Items;
        var bars = plot.Add.Bars(items.Select(i => Minutes(i.ActiveTime)).Reverse().ToArray());
        bars.Horizontal = true;
        bars.Color = Colors.SeaGreen;
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, items.Count).Select(i => (double)i)], [.. items.Select(i => i.Domain).Reverse()]);
        plot.Axes.Margins(left: 0);
        plot.XLabel("Active time (minutes)");
        return plot.GetSvgXml(Width, Math.Max(160, 60 + 32 * items.Count));
    }

    /// <summary>Active time in minutes per weekday (rows, Monday at the top) and local hour (columns).</summary>
    public static string Hours(GetHours.Response hours)
    {
        var plot = new Plot();
        var grid = new double[7, 24];
        for (var day = 0; day < 7; day++)
        {
            for (var hour = 0; hour < 24; hour++)
            {
                grid[day, hour] = Minutes(hours.Weekdays[day].ActiveTime[hour]);
            }
        }
        var map = plot.Add.Heatmap(grid);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        map.RenderStrategy = new ScottPlot.Plottables.Heatmap.RenderStrategies.Rectangles(); // crisp cells in SVG, no scaled bitmap
        plot.Add.ColorBar(map).Label = "Active time (minutes)";
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, 24).Where(h => h % 3 == 0).Select(h => (double)h)],
            [.. Enumerable.Range(0, 24).Where(h => h % 3 == 0).Select(h => $"{h:00}:00")]);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, 7).Select(d => (double)(6 - d))], Weekdays);
        return plot.GetSvgXml(Width, Height);
    }

    private static double Minutes(long milliseconds) => milliseconds / 60_000d;
}
