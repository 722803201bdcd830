namespace MeshPortal.Domain.Contracts;

/// <summary>
/// Limits on uploaded contract documents. Documents come from users, so parsing must stay bounded in time
/// and memory whatever they contain: size, nesting, and the expansion of YAML aliases ("billion laughs").
/// </summary>
/// <param name="MaxAliasNodes">Values that alias expansion may copy. Contracts rarely use aliases; a small budget
/// refuses an alias bomb after little work.</param>
public sealed record DocumentLimits(int MaxBytes = 5 * 1024 * 1024, int MaxDepth = 64, int MaxNodes = 500_000, int MaxAliasNodes = 50_000)
{
    public static readonly DocumentLimits Default = new();
}

/// <summary>A document that could not be read, with where (1-based line and column when known).</summary>
public sealed class DocumentFormatException(string message, int? line = null, int? column = null) : Exception(message)
{
    public int? Line { get; } = line;
    public int? Column { get; } = column;
}
