namespace MeshPortal.Web.Features.Domains;

public sealed record DomainInput
{
    public string? Slug { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
}

public sealed record MemberDto(string Username, string DisplayName, string? Email, string Role);

public sealed record DomainDto(
    string Slug,
    string Name,
    string Description,
    int QuantaCount,
    IReadOnlyList<MemberDto> Members,
    DateTimeOffset CreatedAt,
    string CreatedBy);

public sealed record MemberInput
{
    public string? Role { get; init; }
}
