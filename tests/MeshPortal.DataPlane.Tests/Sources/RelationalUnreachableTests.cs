using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sources;

namespace MeshPortal.DataPlane.Tests.Sources;

/// <summary>
/// A server that is not there (a closed local port), for every networked kind: this needs no server, so SQL Server
/// and MySQL get their connection failures tested here too. The answer is fast, says where, and hides the password.
/// </summary>
public sealed class RelationalUnreachableTests
{
    const string Password = "Unre4chable-S3cret-Pa55";

    static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static TheoryData<RelationalKind, string> Sources()
    {
        var port = ClosedPort();
        return new()
        {
            { RelationalKind.PostgreSql, $"Host=127.0.0.1;Port={port};Database=sales;Username=reader;Password={Password}" },
            { RelationalKind.MySql, $"Server=127.0.0.1;Port={port};Database=sales;User ID=reader;Password={Password}" },
            // SqlClient retries a refused connection until its connect timeout: the connection string shortens it.
            { RelationalKind.SqlServer, $"Server=tcp:127.0.0.1,{port};Database=sales;User Id=reader;Password={Password};Encrypt=false;Connect Timeout=3" },
        };
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Load_SaysTheServerCannotBeReached(RelationalKind kind, string connection)
    {
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        var reader = new RelationalSourceReader(new DataPlaneOptions());
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DataPlaneException>(() =>
            reader.LoadAsync(duck, "staged", new RelationalSource(kind, connection, "orders"), new ProgressRecorder(), CancellationToken.None));

        Assert.StartsWith($"Cannot reach the {RelationalConnection.DisplayName(kind)} server reader@", error.Message);
        Assert.Contains("127.0.0.1", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        for (Exception? e = error; e is not null; e = e.InnerException)
            Assert.DoesNotContain(Password, e.Message);
        Assert.DoesNotContain(Password, error.ToString());
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Tester_AnswersNotOk_WithTheReason(RelationalKind kind, string connection)
    {
        var tester = new SourceConnectionTester(new DataPlaneOptions());

        var (ok, message) = await tester.TestAsync(new RelationalSource(kind, connection, "SELECT 1 AS one"), CancellationToken.None);

        Assert.False(ok);
        Assert.StartsWith($"Cannot reach the {RelationalConnection.DisplayName(kind)} server", message);
        Assert.DoesNotContain(Password, message);
    }
}
