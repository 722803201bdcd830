using MeshPortal.Web.Search;

namespace MeshPortal.Bench.Dictionary;

/// <summary>
/// The generated mesh as dictionary entries, shaped the way DictionaryProjection shapes the stored entities (same ids,
/// sources, titles, paths and facet fields), straight from the generator: the rebuild's input without the database.
/// </summary>
public static class GeneratedDocuments
{
    public static async IAsyncEnumerable<DictionaryDocument> AllAsync(MeshGenerator mesh)
    {
        foreach (var document in All(mesh)) yield return document;
        await Task.CompletedTask;
    }

    public static IEnumerable<DictionaryDocument> All(MeshGenerator mesh)
    {
        foreach (var d in mesh.DomainList)
            yield return new DictionaryDocument
            {
                Id = "domain:" + d.Slug, Type = DictionaryTypes.Domain, Source = "domain:" + d.Slug, Title = d.Name, Description = d.Description,
                Domain = d.Slug, Path = d.Slug, Url = "/domains/" + d.Slug,
            };
        foreach (var q in mesh.Quanta)
            yield return new DictionaryDocument
            {
                Id = "quantum:" + q.Id, Type = DictionaryTypes.Quantum, Source = "quantum:" + q.Id, Title = q.Name, Description = q.Description,
                Domain = q.Domain, QuantumId = q.Id.ToString(), Quantum = $"{q.Domain}/{q.Slug}", Path = $"{q.Domain}/{q.Slug}", Url = $"/quanta/{q.Id}",
                Tier = q.Tier, Status = q.Status, Owner = $"Owner {q.Owner}", Tags = q.Tags,
            };
        foreach (var contract in mesh.Contracts())
        foreach (var document in OfContract(contract))
            yield return document;
    }

    public static IEnumerable<DictionaryDocument> OfContract(GeneratedContract c)
    {
        var source = "contract:" + c.Id;
        var url = $"/contracts/{c.Id}/versions/{c.Version}";
        var q = c.Quantum;
        var quantum = $"{q.Domain}/{q.Slug}";
        yield return new DictionaryDocument
        {
            Id = "contract:" + c.Id, Type = DictionaryTypes.Contract, Source = source, Title = c.Name, Description = c.Purpose, Domain = q.Domain,
            QuantumId = q.Id.ToString(), Quantum = quantum, ContractId = c.Id, ContractVersion = c.Version, Path = c.Id, Url = url,
            Tier = q.Tier, Status = c.Status, Tags = c.Tags,
        };
        foreach (var o in c.Objects)
        {
            yield return new DictionaryDocument
            {
                Id = $"object:{c.Id}/{o.Name}", Type = DictionaryTypes.Object, Source = source, Title = o.Name, Description = o.Description, Domain = q.Domain,
                QuantumId = q.Id.ToString(), Quantum = quantum, ContractId = c.Id, ContractVersion = c.Version, Path = o.Name, Url = url,
                Tier = q.Tier, Status = c.Status,
            };
            foreach (var column in o.Columns)
            {
                var path = $"{o.Name}.{column.Name}";
                yield return new DictionaryDocument
                {
                    Id = $"column:{c.Id}/{path}", Type = DictionaryTypes.Column, Source = source, Title = column.Name, Description = column.Description,
                    Domain = q.Domain, QuantumId = q.Id.ToString(), Quantum = quantum, ContractId = c.Id, ContractVersion = c.Version, Path = path,
                    Url = url + "#" + path, Tier = q.Tier, Status = c.Status, Classification = column.Classification,
                    LogicalType = column.LogicalType, PhysicalType = column.PhysicalType, Tags = column.Tags,
                };
            }
        }
    }

    public static long Count(MeshGenerator mesh) =>
        mesh.DomainList.Count + mesh.QuantumCount + mesh.ContractCount + mesh.Contracts().Sum(c => c.Objects.Count) + mesh.ColumnCount;
}
