namespace MeshPortal.Web.Features.Jobs;

/// <summary>`MeshPortal:Jobs`: Hangfire storage follows the database provider unless told otherwise.</summary>
public sealed class JobsOptions
{
    public const string Section = "MeshPortal:Jobs";

    /// <summary>Run a Hangfire server in this process. Turn off on web-only instances when dedicated workers run elsewhere.</summary>
    public bool RunServer { get; set; } = true;
    /// <summary>Worker threads of the in-process server; default: the processor count.</summary>
    public int? WorkerCount { get; set; }
    /// <summary>SQL Server connection string for Hangfire; defaults to the metadata database's.</summary>
    public string? SqlServerConnectionString { get; set; }
    /// <summary>How often workers look for new jobs. Low in the embedded mode so the UI feels live.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}
