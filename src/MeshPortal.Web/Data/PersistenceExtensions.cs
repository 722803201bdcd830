using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MeshPortal.Web.Infrastructure;

namespace MeshPortal.Web.Data;

public static class PersistenceExtensions
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{MeshDbContext}"/> for the configured provider. Blazor circuits live
    /// long, so every operation creates and disposes its own context.
    /// </summary>
    public static WebApplicationBuilder AddPersistence(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DataFolder>();
        // Every IInterceptor registered (audit first, then e.g. the dictionary outbox) joins each context.
        builder.Services.AddSingleton<IInterceptor, AuditInterceptor>();
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));

        if (options.Provider == DatabaseProvider.SqlServer)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
                throw new InvalidOperationException("MeshPortal:Database:ConnectionString is required when MeshPortal:Database:Provider is SqlServer.");
            builder.Services.AddDbContextFactory<SqlServerMeshDbContext>((sp, o) => o
                .UseSqlServer(options.ConnectionString, sql => sql.EnableRetryOnFailure())
                .AddInterceptors(sp.GetServices<IInterceptor>()));
            builder.Services.AddSingleton<IDbContextFactory<MeshDbContext>, MeshDbContextFactory<SqlServerMeshDbContext>>();
        }
        else
        {
            builder.Services.AddDbContextFactory<SqliteMeshDbContext>((sp, o) => o
                .UseSqlite(options.ConnectionString ?? SqliteConnectionString(sp.GetRequiredService<DataFolder>()))
                .AddInterceptors(sp.GetServices<IInterceptor>()));
            builder.Services.AddSingleton<IDbContextFactory<MeshDbContext>, MeshDbContextFactory<SqliteMeshDbContext>>();
        }
        builder.Services.AddHostedService<DatabaseMigrator>();

        // Cookies, antiforgery tokens and stored secrets are protected with these keys: keep them in the data
        // folder (a shared volume in production) so restarts and other instances can read what one instance wrote.
        var keys = new DataFolder(builder.Configuration).File("keys");
        builder.Services.AddDataProtection().SetApplicationName("MeshPortal").PersistKeysToFileSystem(new DirectoryInfo(keys));
        return builder;
    }

    public static string SqliteConnectionString(DataFolder folder) =>
        $"Data Source={folder.File("meshportal.db")};Cache=Shared;Foreign Keys=True";
}

/// <summary>Hands out the provider-specific context as the base type the rest of the app uses.</summary>
internal sealed class MeshDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<MeshDbContext>
    where TContext : MeshDbContext
{
    public MeshDbContext CreateDbContext() => inner.CreateDbContext();
}
