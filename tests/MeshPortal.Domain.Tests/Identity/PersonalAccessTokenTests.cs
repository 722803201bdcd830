using MeshPortal.Domain.Identity;

namespace MeshPortal.Domain.Tests.Identity;

public class PersonalAccessTokenTests
{
    private static readonly DateTimeOffset Expiry = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static PersonalAccessToken Token(DateTimeOffset? revokedAt = null) =>
        new() { Name = "ci", TokenHash = "h", Prefix = "mp_", CreatedAt = Expiry.AddDays(-30), ExpiresAt = Expiry, RevokedAt = revokedAt };

    [Fact]
    public void IsUsableAt_BeforeExpiry_IsTrue() => Assert.True(Token().IsUsableAt(Expiry.AddTicks(-1)));

    [Fact]
    public void IsUsableAt_AtExpiry_IsFalse() => Assert.False(Token().IsUsableAt(Expiry));

    [Fact]
    public void IsUsableAt_AfterExpiry_IsFalse() => Assert.False(Token().IsUsableAt(Expiry.AddDays(1)));

    [Fact]
    public void IsUsableAt_Revoked_IsFalseEvenBeforeExpiry() =>
        Assert.False(Token(revokedAt: Expiry.AddDays(-10)).IsUsableAt(Expiry.AddDays(-20)));

    [Fact]
    public void IsUsableAt_ComparesInstantsNotLocalTimes() =>
        Assert.True(Token().IsUsableAt(new DateTimeOffset(2026, 6, 1, 13, 59, 0, TimeSpan.FromHours(2))));
}
