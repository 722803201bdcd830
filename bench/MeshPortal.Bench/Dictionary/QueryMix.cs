using MeshPortal.Web.Search;

namespace MeshPortal.Bench.Dictionary;

/// <summary>
/// A deterministic mix of what people type into the dictionary: single words, identifiers, typeahead prefixes, two
/// words, quoted phrases, and any of those narrowed by one or two facet filters (some on a later page).
/// </summary>
public static class QueryMix
{
    public static List<(string Kind, SearchRequest Request)> Create(int count, int seed = 7)
    {
        var random = new Random(seed);
        var queries = new List<(string, SearchRequest)>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            var (kind, text) = roll switch
            {
                < 25 => ("term", Word(random)),
                < 35 => ("identifier", Identifier(random)),
                < 55 => ("prefix", Prefix(random)),
                < 65 => ("two words", $"{Pick(random, MeshGenerator.Entities)} {Pick(random, MeshGenerator.Attributes).Split('_')[0]}"),
                < 75 => ("phrase", Phrase(random)),
                _ => ("faceted", random.Next(2) == 0 ? Word(random) : Prefix(random)),
            };
            var request = new SearchRequest { Text = text, PageSize = 20, Page = random.Next(10) == 0 ? 2 : 1 };
            if (kind == "faceted") request = Filtered(random, request);
            queries.Add((kind, request));
        }
        return queries;
    }

    private static SearchRequest Filtered(Random random, SearchRequest request)
    {
        for (var filters = 1 + random.Next(2); filters > 0; filters--)
        {
            request = random.Next(6) switch
            {
                0 => request with { Type = random.Next(3) == 0 ? DictionaryTypes.Quantum : DictionaryTypes.Column },
                1 => request with { Domain = Pick(random, MeshGenerator.Domains) },
                2 => request with { Tier = Pick(random, MeshGenerator.Tiers) },
                3 => request with { Classification = Pick(random, MeshGenerator.Classifications) },
                4 => request with { Status = random.Next(4) == 0 ? "draft" : "active" },
                _ => request with { Tag = Pick(random, MeshGenerator.ColumnTags) },
            };
        }
        return request;
    }

    private static string Word(Random random) => random.Next(3) == 0 ? Pick(random, MeshGenerator.Attributes).Split('_')[0] : Pick(random, MeshGenerator.Entities);

    private static string Identifier(Random random)
    {
        var entity = Pick(random, MeshGenerator.Entities);
        var attribute = Pick(random, MeshGenerator.Attributes);
        return random.Next(3) == 0 ? entity + string.Concat(attribute.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..])) : $"{entity}_{attribute}";
    }

    private static string Prefix(Random random)
    {
        var word = Pick(random, MeshGenerator.Entities);
        return word[..Math.Min(word.Length, 2 + random.Next(4))];
    }

    private static string Phrase(Random random) => random.Next(2) == 0
        ? $"\"{Pick(random, MeshGenerator.Attributes).Replace('_', ' ')} of the {Pick(random, MeshGenerator.Entities)}\""
        : $"\"{Pick(random, MeshGenerator.Qualifiers)} {Pick(random, MeshGenerator.Attributes).Split('_')[0]}\"";

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
