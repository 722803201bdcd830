namespace MeshPortal.Web.Search.Indexing;

/// <summary>
/// "This source changed; the dictionary must catch up." Written in the same transaction as the change
/// (see <see cref="DictionaryOutboxInterceptor"/>), drained by <see cref="DictionaryIndexer"/>. A crash between
/// the save and the indexing leaves the row unprocessed, so the next drain picks it up.
/// </summary>
public sealed class DictionaryOutboxEntry
{
    public long Id { get; set; }
    /// <summary>"domain:&lt;slug&gt;", "quantum:&lt;guid&gt;" or "contract:&lt;id&gt;".</summary>
    public required string Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

/// <summary>One full rebuild of the dictionary, with its progress, so every instance's UI can show it live.</summary>
public sealed class DictionaryRebuild
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public DateTimeOffset RequestedAt { get; set; }
    public string RequestedBy { get; set; } = "";
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>queued, running, succeeded, failed.</summary>
    public string Status { get; set; } = "queued";
    public long Expected { get; set; }
    public long Indexed { get; set; }
    public string? Error { get; set; }
}
