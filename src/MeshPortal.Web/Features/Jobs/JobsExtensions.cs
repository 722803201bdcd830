using Hangfire;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using MeshPortal.Web.Data;
using MeshPortal.Web.Infrastructure;

namespace MeshPortal.Web.Features.Jobs;

public static class JobsExtensions
{
    public const string DashboardPath = "/jobs";

    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        var jobs = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

        builder.Services.AddHangfire((sp, config) =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (database.Provider == DatabaseProvider.SqlServer)
            {
                config.UseSqlServerStorage(jobs.SqlServerConnectionString ?? database.ConnectionString, new SqlServerStorageOptions
                {
                    QueuePollInterval = jobs.QueuePollInterval,
                    PrepareSchemaIfNecessary = true,
                });
            }
            else
            {
                config.UseSQLiteStorage(sp.GetRequiredService<DataFolder>().File("hangfire.db"), new SQLiteStorageOptions
                {
                    QueuePollInterval = jobs.QueuePollInterval,
                });
            }
        });
        builder.Services.AddSingleton<JobRunsService>();
        if (jobs.RunServer)
        {
            builder.Services.AddHangfireServer(o =>
            {
                o.WorkerCount = jobs.WorkerCount ?? Math.Max(2, Environment.ProcessorCount);
                o.ShutdownTimeout = TimeSpan.FromSeconds(5);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
        }
        return builder;
    }

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new PlatformAdminDashboardFilter()],
            DashboardTitle = "MeshPortal jobs",
            AppPath = "/",
        });
        return app;
    }
}
