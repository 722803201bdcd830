using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Features.Onboarding;

namespace MeshPortal.Web.Components.Onboarding;

public partial class ConnectionSourceDialog
{
    private static readonly SourceKind[] Kinds = [SourceKind.PostgreSql, SourceKind.SqlServer, SourceKind.MySql, SourceKind.Sqlite];

    private SourceKind _kind = SourceKind.PostgreSql;
    private string? _connection;
    private string? _query;
    private bool _showConnection;
    private bool _testing;
    private ConnectionTestResult? _test;

    protected override IEnumerable<string> OwnFields => ["kind", "connection", "connectionString", "query", "table"];

    private string Example => _kind switch
    {
        SourceKind.PostgreSql => "Host=erp.internal;Database=sales;Username=reader;Password=…",
        SourceKind.SqlServer => "Server=erp.internal;Database=Sales;User Id=reader;Password=…;Encrypt=True",
        SourceKind.MySql => "Server=erp.internal;Database=sales;Uid=reader;Pwd=…",
        _ => "Data Source=/landing/sales/erp.db",
    };

    private void OnKindChanged(SourceKind kind)
    {
        _kind = kind;
        _test = null;
    }

    private async Task TestAsync()
    {
        if (_testing || string.IsNullOrWhiteSpace(_connection)) return;
        _testing = true;
        _test = null;
        try
        {
            if (await CurrentCaller.GetAsync(Disposed.Token) is not { } caller)
            {
                _test = new ConnectionTestResult(false, "You are not signed in as a known user. Sign in again and retry.");
                return;
            }
            _test = await Sources.TestConnectionAsync(caller, QuantumId, _kind, _connection, string.IsNullOrWhiteSpace(_query) ? null : _query, Disposed.Token);
        }
        catch (OperationCanceledException) when (Disposed.IsCancellationRequested)
        {
        }
        finally
        {
            _testing = false;
        }
    }

    private Task AddAsync() => SubmitAsync((caller, ct) =>
        Sources.AddConnectionAsync(caller, QuantumId, new NewConnectionSource(NameOr(_kind.ToString().ToLowerInvariant()), _kind, _connection ?? "", _query ?? "", Port ?? "", ObjectName ?? ""), ct));
}
