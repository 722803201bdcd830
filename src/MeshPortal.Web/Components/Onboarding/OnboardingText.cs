using System.Globalization;
using MeshPortal.DataPlane.Storage;
using MeshPortal.Domain.Onboarding;
using MudBlazor;

namespace MeshPortal.Web.Components.Onboarding;

/// <summary>How the Data tab words and colours numbers, times, run statuses and source kinds, the same in every part of it.</summary>
public static class OnboardingText
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public static string Count(long n) => n.ToString("N0", Culture);

    /// <summary>Rows read, "≈ 4,200,000" while it is an estimate (DuckDB still reading a file).</summary>
    public static string RowsRead(long n, bool estimated) => estimated ? "≈ " + Count(n) : Count(n);

    public const string EstimateHint = "Estimated from the share of the file read so far; counted exactly once the read is over.";

    /// <summary>"just now", "3 min ago", "5 h ago", "yesterday", "4 days ago", then the date.</summary>
    public static string Ago(DateTimeOffset when, DateTimeOffset now)
    {
        var age = now - when;
        if (age < TimeSpan.FromSeconds(45)) return "just now";
        if (age < TimeSpan.FromMinutes(1.5)) return "1 min ago";
        if (age < TimeSpan.FromHours(1)) return $"{(int)Math.Round(age.TotalMinutes)} min ago";
        if (age < TimeSpan.FromHours(24)) return $"{(int)age.TotalHours} h ago";
        if (age < TimeSpan.FromHours(48)) return "yesterday";
        if (age < TimeSpan.FromDays(14)) return $"{(int)age.TotalDays} days ago";
        return when.ToString("d MMM yyyy", Culture);
    }

    /// <summary>The exact time, for tooltips and titles beside a relative one.</summary>
    public static string Exact(DateTimeOffset when) => when.UtcDateTime.ToString("d MMM yyyy HH:mm:ss", Culture) + " UTC";

    public static string Duration(TimeSpan? d) => d is not { } t ? "–" : t switch
    {
        { TotalSeconds: < 10 } => $"{Math.Max(0, t.TotalSeconds).ToString("0.0", Culture)} s",
        { TotalMinutes: < 1 } => $"{(int)t.TotalSeconds} s",
        { TotalHours: < 1 } => $"{(int)t.TotalMinutes} min {t.Seconds} s",
        _ => $"{(int)t.TotalHours} h {t.Minutes} min",
    };

    public static string Bytes(long? bytes) => bytes is not { } b ? "" : b switch
    {
        < 1024 => $"{b} B",
        < 1024 * 1024 => $"{(b / 1024.0).ToString("0.#", Culture)} KB",
        < 1024L * 1024 * 1024 => $"{(b / (1024.0 * 1024)).ToString("0.#", Culture)} MB",
        _ => $"{(b / (1024.0 * 1024 * 1024)).ToString("0.##", Culture)} GB",
    };

    public static string Percent(long part, long whole) =>
        whole <= 0 ? "0%" : (100.0 * part / whole) switch
        {
            0 => "0%",
            < 0.1 => "< 0.1%",
            var p => p.ToString(p < 10 ? "0.#" : "0", Culture) + "%",
        };

    public static bool IsActive(RunStatus status) => status is RunStatus.Queued or RunStatus.Running;

    public static string Of(RunStatus status) => status switch
    {
        RunStatus.Queued => "queued",
        RunStatus.Running => "running",
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        _ => "cancelled",
    };

    public static Color ColorOf(RunStatus status) => status switch
    {
        RunStatus.Succeeded => Color.Success,
        RunStatus.Failed => Color.Error,
        RunStatus.Running => Color.Info,
        RunStatus.Cancelled => Color.Warning,
        _ => Color.Default,
    };

    public static string IconOf(RunStatus status) => status switch
    {
        RunStatus.Succeeded => Icons.Material.Filled.CheckCircle,
        RunStatus.Failed => Icons.Material.Filled.Error,
        RunStatus.Running => Icons.Material.Filled.Sync,
        RunStatus.Cancelled => Icons.Material.Filled.Block,
        _ => Icons.Material.Filled.HourglassEmpty,
    };

    public static string Of(SourceKind kind) => kind switch
    {
        SourceKind.Upload => "Uploaded file",
        SourceKind.ServerFile => "File on the server",
        SourceKind.Sqlite => "SQLite",
        SourceKind.PostgreSql => "PostgreSQL",
        SourceKind.SqlServer => "SQL Server",
        SourceKind.MySql => "MySQL",
        _ => "Composition",
    };

    public static string IconOf(SourceKind kind) => kind switch
    {
        SourceKind.Upload => Icons.Material.Filled.UploadFile,
        SourceKind.ServerFile => Icons.Material.Filled.FolderOpen,
        SourceKind.Composition => Icons.Material.Filled.MergeType,
        _ => Icons.Material.Filled.Storage,
    };

    public static string Of(Layer layer) => layer switch
    {
        Layer.Bronze => "Bronze",
        Layer.Silver => "Silver",
        Layer.Gold => "Gold",
        _ => "Quarantine",
    };

    /// <summary>The value the data engine writes in place of a masked one.</summary>
    public const string Mask = "••••";
}
