using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using LuceneField = Lucene.Net.Documents.Field;

namespace MeshPortal.Web.Search.Lucene;

/// <summary>
/// Turns a <see cref="DictionaryDocument"/> into a Lucene document, reusing one set of field instances
/// (Lucene's advice for fast indexing: the writer consumes a document before the next one is built).
/// Not thread-safe: one builder per indexing thread.
/// </summary>
internal sealed class DocumentBuilder
{
    // Prefix terms only say "some word starts with this": no frequencies, positions or norms.
    private static readonly FieldType PrefixType = NewPrefixType();

    private static FieldType NewPrefixType()
    {
        var type = new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_ONLY, OmitNorms = true };
        type.Freeze();
        return type;
    }

    private readonly Document _document = new();

    private readonly StringField _id = new(DictionaryFields.Id, "", LuceneField.Store.NO);
    private readonly StringField _source = new(DictionaryFields.Source, "", LuceneField.Store.NO);
    private readonly SortedDocValuesField _titleSort = new(DictionaryFields.TitleKey, new BytesRef());
    private readonly NumericDocValuesField _typeRank = new(DictionaryFields.TypeRank, 0);

    private readonly TextField _title = new(DictionaryFields.Title, "", LuceneField.Store.NO);
    private readonly TextField _path = new(DictionaryFields.Path, "", LuceneField.Store.NO);
    private readonly TextField _description = new(DictionaryFields.Description, "", LuceneField.Store.NO);
    private readonly TextField _context = new(DictionaryFields.Context, "", LuceneField.Store.NO);
    private readonly LuceneField _titlePrefix = new(DictionaryFields.TitlePrefix, "", PrefixType);
    private readonly LuceneField _pathPrefix = new(DictionaryFields.PathPrefix, "", PrefixType);

    private readonly Dictionary<string, (StringField Term, SortedDocValuesField Facet)> _facets;
    private readonly List<(StringField Term, SortedSetDocValuesField Facet, TextField Text)> _tags = [];

    private readonly BinaryDocValuesField _stored = new(DictionaryFields.Stored, new BytesRef());
    private byte[] _storedBuffer = new byte[512];

    public DocumentBuilder()
    {
        _facets = DictionaryFields.SingleValuedFacets.ToDictionary(
            f => f, f => (new StringField(f, "", LuceneField.Store.NO), new SortedDocValuesField(f, new BytesRef())));
    }

    public Document Build(DictionaryDocument d)
    {
        var fields = _document.Fields;
        fields.Clear();

        _id.SetStringValue(d.Id);
        fields.Add(_id);
        _source.SetStringValue(d.Source);
        fields.Add(_source);

        _titleSort.SetBytesValue(new BytesRef(DictionaryFields.TitleKeyOf(d.Title)));
        fields.Add(_titleSort);
        _typeRank.SetInt64Value(DictionaryFields.TypeRankOf(d.Type));
        fields.Add(_typeRank);

        AddFacet(DictionaryFields.Type, d.Type);
        AddFacet(DictionaryFields.Domain, d.Domain);
        AddFacet(DictionaryFields.Tier, d.Tier);
        AddFacet(DictionaryFields.Classification, d.Classification);
        AddFacet(DictionaryFields.Status, d.Status);

        AddText(_title, d.Title);
        AddText(_titlePrefix, d.Title);
        AddText(_path, d.Path);
        AddText(_pathPrefix, PathBeforeTitle(d));
        AddText(_description, d.Description);
        AddText(_context, JoinContext(d));

        var tagCount = 0;
        foreach (var raw in d.Tags)
        {
            var tag = DictionaryFields.Keyword(raw);
            if (tag is null) continue;
            if (tagCount == _tags.Count)
            {
                _tags.Add((new StringField(DictionaryFields.Tag, "", LuceneField.Store.NO),
                    new SortedSetDocValuesField(DictionaryFields.Tag, new BytesRef()),
                    new TextField(DictionaryFields.Tags, "", LuceneField.Store.NO)));
            }
            var (term, facet, text) = _tags[tagCount++];
            term.SetStringValue(tag);
            facet.SetBytesValue(new BytesRef(tag));
            text.SetStringValue(tag);
            fields.Add(term);
            fields.Add(facet);
            fields.Add(text);
        }

        var length = StoredEntry.Encode(d, ref _storedBuffer);
        _stored.SetBytesValue(new BytesRef(_storedBuffer, 0, length));
        fields.Add(_stored);
        return _document;
    }

    private void AddFacet(string name, string? value)
    {
        var keyword = DictionaryFields.Keyword(value);
        if (keyword is null) return;
        var (term, facet) = _facets[name];
        term.SetStringValue(keyword);
        facet.SetBytesValue(new BytesRef(keyword));
        _document.Fields.Add(term);
        _document.Fields.Add(facet);
    }

    private void AddText(LuceneField field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        field.SetStringValue(value);
        _document.Fields.Add(field);
    }

    // A column's path is "object.column": its title's prefixes are indexed already, so only the object's are added.
    private static string? PathBeforeTitle(DictionaryDocument d)
    {
        var path = d.Path;
        if (path is null || path == d.Title) return null;
        return path.Length > d.Title.Length && path.EndsWith(d.Title, StringComparison.Ordinal) ? path[..^d.Title.Length] : path;
    }

    // Quantum "domain/slug", contract id and domain: "orders" also finds the columns of the orders quantum.
    private static string? JoinContext(DictionaryDocument d) => (d.Quantum, d.ContractId) switch
    {
        (null, null) => d.Domain,
        _ => $"{d.Quantum} {d.ContractId} {d.Domain}",
    };
}
