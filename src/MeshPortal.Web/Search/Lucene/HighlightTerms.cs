using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Search.Highlight;

namespace MeshPortal.Web.Search.Lucene;

/// <summary>
/// The word parts (and the typeahead prefix) of a query, and an <see cref="IScorer"/> that marks the tokens
/// equal to one of them, in text analyzed into parts only: "customer" marks "&lt;mark&gt;customer&lt;/mark&gt;_id",
/// not the whole identifier. Cheaper than Lucene's QueryScorer, which builds an in-memory index per highlighted text
/// to expand prefixes and check phrase positions; a phrase's words are marked wherever they occur.
/// </summary>
internal sealed class HighlightTerms
{
    private readonly CharArraySet _terms = new(IdentifierAnalyzer.Version, 8, ignoreCase: false);
    private readonly List<string> _prefixes = [];

    public bool IsEmpty => _terms.Count == 0 && _prefixes.Count == 0;

    public void AddTerms(IEnumerable<string> terms)
    {
        foreach (var term in terms) _terms.Add(term);
    }

    public void AddPrefix(string prefix) => _prefixes.Add(prefix);

    public IScorer NewScorer() => new Scorer(this);

    private bool Matches(char[] buffer, int length)
    {
        if (_terms.Contains(buffer, 0, length)) return true;
        foreach (var prefix in _prefixes)
        {
            if (length >= prefix.Length && prefix.AsSpan().SequenceEqual(buffer.AsSpan(0, prefix.Length))) return true;
        }
        return false;
    }

    private sealed class Scorer(HighlightTerms terms) : IScorer
    {
        private ICharTermAttribute? _term;
        private float _fragmentScore;

        public TokenStream? Init(TokenStream tokenStream)
        {
            _term = tokenStream.AddAttribute<ICharTermAttribute>();
            return null;
        }

        public void StartFragment(TextFragment newFragment) => _fragmentScore = 0;

        public float GetTokenScore()
        {
            if (_term is null || !terms.Matches(_term.Buffer, _term.Length)) return 0;
            _fragmentScore += 1;
            return 1;
        }

        public float FragmentScore => _fragmentScore;
    }
}
