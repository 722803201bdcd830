using MeshPortal.Domain.Contracts;

namespace MeshPortal.Domain.Tests.Contracts;

public class SemVerTests
{
    [Theory]
    [InlineData("1.0.0", "2.0.0", VersionBump.Major)]
    [InlineData("1.0.0", "1.1.0", VersionBump.Minor)]
    [InlineData("1.2.3", "1.2.4", VersionBump.Patch)]
    [InlineData("1.9.0", "1.10.0", VersionBump.Minor)]
    public void BumpFrom_NamesThePartThatChanged(string from, string to, VersionBump bump) =>
        Assert.Equal(bump, SemVer.Parse(to).BumpFrom(SemVer.Parse(from)));

    [Theory]
    [InlineData("1.0.0", "1.0.0")]
    [InlineData("2.0.0", "1.9.9")]
    public void BumpFrom_IsNullWhenNotHigher(string from, string to) => Assert.Null(SemVer.Parse(to).BumpFrom(SemVer.Parse(from)));

    [Theory]
    [InlineData("1.0")]
    [InlineData("01.0.0")]
    [InlineData("v1.0.0")]
    [InlineData("")]
    public void TryParse_RefusesNonSemver(string text) => Assert.False(SemVer.TryParse(text, out _));

    [Fact]
    public void PreRelease_SortsBeforeItsRelease() => Assert.True(SemVer.Parse("2.0.0-rc.1") < SemVer.Parse("2.0.0"));
}
