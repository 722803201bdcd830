using Npgsql;

namespace MeshPortal.DataPlane.Tests.Infrastructure;

/// <summary>
/// A database of its own on the PostgreSQL server named by MESHPORTAL_TEST_POSTGRES (./test.sh starts a throwaway
/// cluster and sets it), with the tables the source tests read and two roles: a reader that may not read "secret",
/// and a role whose logins need a password. Dropped with its roles at the end. Does nothing without a server: the
/// tests using it are then skipped (<see cref="PostgresFactAttribute"/>).
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string Variable = "MESHPORTAL_TEST_POSTGRES";

    /// <summary>Set by test.sh when it could not start PostgreSQL, to say why.</summary>
    public const string UnavailableVariable = "MESHPORTAL_TEST_POSTGRES_UNAVAILABLE";

    /// <summary>
    /// Members of this group log in with a password even on a trust-everyone test cluster: test.sh puts
    /// "host all +meshportal_password_login 127.0.0.1/32 scram-sha-256" first in pg_hba.conf.
    /// </summary>
    public const string PasswordGroup = "meshportal_password_login";

    public const string ReaderPassword = "R3ader-Pa55-0f-the-fixture";
    public const string RightPassword = "R1ght-Pa55-0f-the-fixture";

    readonly string suffix = Guid.NewGuid().ToString("N")[..10];

    public static string? AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    public static string SkipReason =>
        $"needs PostgreSQL: set {Variable} to an Npgsql connection string (./test.sh starts a throwaway PostgreSQL 15 cluster)"
        + (Environment.GetEnvironmentVariable(UnavailableVariable) is { Length: > 0 } why ? $"; not started here: {why}" : "");

    public string Database => $"meshportal_src_{suffix}";
    public string ReaderRole => $"meshportal_ro_{suffix}";
    public string PasswordRole => $"meshportal_pw_{suffix}";

    /// <summary>The test database as the administrator of the server.</summary>
    public string ConnectionString => As(null, null);

    /// <summary>The test database (or <paramref name="database"/>) as <paramref name="user"/>; the server's own user when null.</summary>
    public string As(string? user, string? password, string? database = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database ?? Database };
        if (user is not null) builder.Username = user;
        if (password is not null) builder.Password = password;
        return builder.ConnectionString;
    }

    public async Task InitializeAsync()
    {
        if (AdminConnectionString is null) return;
        await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE {Database}");
        await ExecuteAsync(AdminConnectionString, $$"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{{PasswordGroup}}') THEN CREATE ROLE {{PasswordGroup}} NOLOGIN; END IF;
            END $$;
            CREATE ROLE {{ReaderRole}} LOGIN PASSWORD '{{ReaderPassword}}';
            CREATE ROLE {{PasswordRole}} LOGIN PASSWORD '{{RightPassword}}' IN ROLE {{PasswordGroup}};
            """);
        await ExecuteAsync(ConnectionString, $$"""
            CREATE TABLE orders (
              id integer PRIMARY KEY, customer text, amount numeric(12,2), quantity bigint, ratio double precision,
              paid boolean, ordered_on date, created_at timestamp, updated_at timestamptz, pickup time, payload bytea,
              ref uuid, tags text[], huge numeric, note text);
            INSERT INTO orders VALUES
              (1, 'Ada', 12.50, 3, 0.1, true, '2024-03-01', '2024-03-01 10:11:12.5', '2024-03-01 10:11:12+02', '08:30',
               '\x01ff', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{a,"b c"}', 123456789012345678901234567890.5, 'café; ''quoted'''),
              (2, NULL, NULL, NULL, NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
            CREATE TABLE "Mixed Case" ("Id" integer, "Name" text);
            INSERT INTO "Mixed Case" VALUES (7, 'seven');
            CREATE TABLE many AS SELECT n AS id, 'row ' || n AS label FROM generate_series(1, 25000) AS n;
            CREATE TABLE secret (id integer);
            CREATE TABLE audit (id integer);
            CREATE FUNCTION sneaky_write() RETURNS integer LANGUAGE sql AS $f$ INSERT INTO audit VALUES (1) RETURNING 1 $f$;
            GRANT SELECT ON orders, many, "Mixed Case" TO {{ReaderRole}};
            """);
    }

    public async Task DisposeAsync()
    {
        if (AdminConnectionString is null) return;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
        await ExecuteAsync(AdminConnectionString, $"DROP ROLE IF EXISTS {ReaderRole}; DROP ROLE IF EXISTS {PasswordRole}");
    }

    public Task ExecuteAsync(string sql) => ExecuteAsync(ConnectionString, sql);

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
