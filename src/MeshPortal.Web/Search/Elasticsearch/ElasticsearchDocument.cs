using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeshPortal.Web.Search.Elasticsearch;

/// <summary>
/// The JSON a dictionary entry is stored as. Names are fixed here (not left to the client's naming policy)
/// because the index mapping is strict and names every field: see <see cref="DictionaryIndexDefinition"/>.
/// </summary>
internal sealed class ElasticsearchDocument
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("type")] public string Type { get; set; } = "";
    /// <summary>Position of the type in <see cref="DictionaryTypes.All"/>: the order of an empty query, as on Lucene.</summary>
    [JsonPropertyName("typeRank")] public int TypeRank { get; set; }
    [JsonPropertyName("source")] public string Source { get; set; } = "";
    [JsonPropertyName("title")] public string Title { get; set; } = "";
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("domain")] public string? Domain { get; set; }
    [JsonPropertyName("quantumId")] public string? QuantumId { get; set; }
    [JsonPropertyName("quantum")] public string? Quantum { get; set; }
    [JsonPropertyName("contractId")] public string? ContractId { get; set; }
    [JsonPropertyName("contractVersion")] public string? ContractVersion { get; set; }
    [JsonPropertyName("path")] public string? Path { get; set; }
    /// <summary>Names of what the entry belongs to (quantum, contract, domain): "orders" also finds the orders quantum's columns.</summary>
    [JsonPropertyName("context")] public string? Context { get; set; }
    [JsonPropertyName("url")] public string Url { get; set; } = "";
    [JsonPropertyName("tier")] public string? Tier { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("classification")] public string? Classification { get; set; }
    [JsonPropertyName("logicalType")] public string? LogicalType { get; set; }
    [JsonPropertyName("physicalType")] public string? PhysicalType { get; set; }
    [JsonPropertyName("owner")] public string? Owner { get; set; }
    [JsonPropertyName("tags")] public List<string> Tags { get; set; } = [];
    /// <summary>"&lt;type&gt; &lt;title&gt;" (lower-cased by the mapping): suggestions are one per title and type.</summary>
    [JsonPropertyName("suggestKey")] public string SuggestKey { get; set; } = "";
    /// <summary>Hash of everything above: a replayed source rewrites only the entries that changed.</summary>
    [JsonPropertyName("hash")] public string? Hash { get; set; }

    public static ElasticsearchDocument From(DictionaryDocument d)
    {
        var rank = Array.IndexOf(DictionaryTypes.All, d.Type);
        var doc = new ElasticsearchDocument
        {
            Id = d.Id,
            Type = d.Type,
            TypeRank = rank < 0 ? DictionaryTypes.All.Length : rank,
            Source = d.Source,
            Title = d.Title,
            Description = Blank(d.Description),
            Domain = Blank(d.Domain),
            QuantumId = Blank(d.QuantumId),
            Quantum = Blank(d.Quantum),
            ContractId = Blank(d.ContractId),
            ContractVersion = Blank(d.ContractVersion),
            Path = Blank(d.Path),
            Context = Blank(string.Join(' ', new[] { d.Quantum, d.ContractId, d.Domain }.Where(s => !string.IsNullOrWhiteSpace(s)))),
            Url = d.Url,
            Tier = Blank(d.Tier),
            Status = Blank(d.Status),
            Classification = Blank(d.Classification),
            LogicalType = Blank(d.LogicalType),
            PhysicalType = Blank(d.PhysicalType),
            Owner = Blank(d.Owner),
            Tags = d.Tags.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToList(),
            SuggestKey = $"{d.Type} {d.Title.Trim()}",
        };
        doc.Hash = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(doc)), 0, 16);
        return doc;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
