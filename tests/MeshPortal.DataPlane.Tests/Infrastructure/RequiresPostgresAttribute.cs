namespace MeshPortal.DataPlane.Tests.Infrastructure;

/// <summary>
/// A fact that needs a PostgreSQL server: without MESHPORTAL_TEST_POSTGRES (an Npgsql connection string; ./test.sh
/// starts a throwaway cluster and sets it) the test is reported as SKIPPED with the reason, never as passed.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresFixture.AdminConnectionString is null) Skip = PostgresFixture.SkipReason;
    }
}

/// <summary>The theory counterpart of <see cref="PostgresFactAttribute"/>: every row is skipped without a server.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresFixture.AdminConnectionString is null) Skip = PostgresFixture.SkipReason;
    }
}
