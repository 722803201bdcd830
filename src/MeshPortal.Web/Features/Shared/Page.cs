namespace MeshPortal.Web.Features.Shared;

public sealed record Page<T>(int Total, int PageNumber, int PageSize, IReadOnlyList<T> Items)
{
    public const int MaxPageSize = 200;

    public static (int Page, int Size) Normalize(int? page, int? size) =>
        (Math.Max(1, page ?? 1), Math.Clamp(size ?? 25, 1, MaxPageSize));
}
