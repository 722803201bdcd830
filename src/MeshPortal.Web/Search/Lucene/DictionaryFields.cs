namespace MeshPortal.Web.Search.Lucene;

/// <summary>The Lucene field layout of a dictionary entry.</summary>
internal static class DictionaryFields
{
    // Exact keywords: indexed (filters, deletes) and, for facets, doc values under the same name.
    public const string Id = "id";
    public const string Source = "source";
    public const string Type = "type";
    public const string Domain = "domain";
    public const string Tier = "tier";
    public const string Tag = "tag";
    public const string Classification = "classification";
    public const string Status = "status";

    /// <summary>Lower-cased title (sorted doc values): the tie-break order, and "title starts with" for suggestions.</summary>
    public const string TitleKey = "title_kw";
    /// <summary>Numeric doc value: the position of the type in <see cref="DictionaryTypes.All"/> (empty-query order).</summary>
    public const string TypeRank = "type_rank";

    // Analyzed text.
    public const string Title = "title";
    public const string Path = "path";
    public const string Tags = "tags";
    public const string Description = "description";
    /// <summary>Names of what the entry belongs to: quantum, contract, domain.</summary>
    public const string Context = "context";

    /// <summary>One binary doc value with what a hit shows (see <see cref="StoredEntry"/>).</summary>
    public const string Stored = "stored";

    /// <summary>
    /// Text fields searched and their weights (names weigh more than descriptions). In names an identifier's
    /// parts may match on their own ("first_name" finds customer_first_name); in prose only the identifier itself.
    /// </summary>
    public static readonly SearchedField[] Searched =
    [
        new(Title, 4f, MatchesParts: true), new(Path, 2f, MatchesParts: true), new(Tags, 1.5f, MatchesParts: false),
        new(Description, 1f, MatchesParts: false), new(Context, 1f, MatchesParts: false),
    ];

    // Every prefix of every title and path term, up to 15 characters (see IdentifierAnalyzer): typeahead in one
    // lookup. Titles from 1 character (suggestions start at the first keystroke), paths from 2.
    public const string TitlePrefix = "title_prefix";
    public const string PathPrefix = "path_prefix";

    /// <summary>
    /// The fields the last query word also matches as a prefix (typeahead): the text field, its prefix field, the
    /// shortest prefix indexed, and the weight of such a match (constant: a prefix says nothing about how well the
    /// rest of the word fits).
    /// </summary>
    public static readonly PrefixField[] Prefixed = [new(Title, TitlePrefix, 1, 2f), new(Path, PathPrefix, 2, 1f)];

    public static readonly IReadOnlyDictionary<string, int> ShortestPrefixes = Prefixed.ToDictionary(p => p.PrefixIndex, p => p.Shortest);

    /// <summary>Single-valued facets (sorted doc values); <see cref="Tag"/> is multi-valued (sorted-set).</summary>
    public static readonly string[] SingleValuedFacets = [Type, Domain, Tier, Classification, Status];

    /// <summary>Keyword values are cut to this many characters (Lucene refuses terms over 32 KB).</summary>
    public const int MaxKeywordLength = 512;

    public static string? Keyword(string? value) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= MaxKeywordLength ? value : value[..MaxKeywordLength];

    public static string TitleKeyOf(string title)
    {
        var key = title.Trim().ToLowerInvariant();
        if (key.Length <= 256) return key;
        return key[..(char.IsHighSurrogate(key[255]) ? 255 : 256)];
    }

    public static int TypeRankOf(string type)
    {
        var rank = Array.IndexOf(DictionaryTypes.All, type);
        return rank < 0 ? DictionaryTypes.All.Length : rank;
    }
}

internal sealed record PrefixField(string Field, string PrefixIndex, int Shortest, float Boost);

internal sealed record SearchedField(string Field, float Boost, bool MatchesParts);
