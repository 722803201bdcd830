using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace MeshPortal.Web.Search.Lucene;

/// <summary>
/// Turns what a user typed into a Lucene query without Lucene's query syntax: nothing typed is an operator, so
/// no input can fail to parse. Words are ANDed; each word may match in any searched field; a word that is an
/// identifier ("customer_id") matches the whole identifier (scores more) or all its parts; text between double
/// quotes is a phrase; the last word outside quotes also matches as a prefix.
/// </summary>
internal sealed class DictionaryQueryBuilder(IdentifierAnalyzer whole, IdentifierAnalyzer parts)
{
    /// <summary>In searches the last word matches as a prefix from 2 characters: one would match most entries.</summary>
    public const int SearchPrefixLength = 2;

    public sealed record Built(Query? Query, HighlightTerms Terms, string? Notice)
    {
        /// <summary>True when the text was empty: every entry matches.</summary>
        public bool MatchAll => Query is null && Terms.IsEmpty && Notice is null;
    }

    /// <summary>Builds the query; <c>Query</c> is null when the text is empty (match all) or has no searchable word (match none, with a notice).</summary>
    /// <param name="shortestPrefix">The last word matches as a prefix from this length on.</param>
    public Built Build(string? text, SearchedField[] fields, PrefixField[] prefixFields, int shortestPrefix = SearchPrefixLength)
    {
        var notices = new List<string>();
        text = text?.Trim() ?? "";
        if (text.Length > SearchRequest.MaxQueryLength)
        {
            var cut = SearchRequest.MaxQueryLength;
            if (char.IsHighSurrogate(text[cut - 1])) cut--;
            text = text[..cut];
            notices.Add($"The query was longer than {SearchRequest.MaxQueryLength} characters; only the first {SearchRequest.MaxQueryLength} were searched.");
        }
        var highlight = new HighlightTerms();
        if (text.Length == 0) return new Built(null, highlight, null);

        var (words, phrases, droppedQuote) = Split(text);
        if (droppedQuote) notices.Add("An unmatched double quote was ignored.");

        var query = new BooleanQuery(disableCoord: true);
        for (var i = 0; i < words.Count; i++)
        {
            var isLast = i == words.Count - 1 && !phrases.EndsText;
            var clause = WordClause(words[i], fields, isLast ? prefixFields : [], shortestPrefix, highlight);
            if (clause is not null) query.Add(clause, Occur.MUST);
        }
        foreach (var phrase in phrases.Texts)
        {
            var clause = PhraseClause(phrase, fields, highlight);
            if (clause is not null) query.Add(clause, Occur.MUST);
        }

        if (query.Clauses.Count == 0)
        {
            notices.Add("The query has no searchable words (letters or digits).");
            return new Built(null, highlight, string.Join(" ", notices));
        }
        // One word needs no conjunction around it; alone, its disjunction can be scored in bulk.
        var result = query.Clauses.Count == 1 ? query.Clauses[0].Query : query;
        return new Built(result, highlight, notices.Count == 0 ? null : string.Join(" ", notices));
    }

    private Query? WordClause(string word, SearchedField[] fields, PrefixField[] prefixFields, int shortestPrefix, HighlightTerms highlight)
    {
        var partTerms = parts.Analyze(word);
        if (partTerms.Count == 0) return null;
        string? wholeTerm = null;
        if (partTerms.Count == 1)
        {
            wholeTerm = partTerms[0].Term;
        }
        else
        {
            // The whole identifier is what the preserving analyzer emits beyond the parts.
            foreach (var (term, _) in whole.Analyze(word))
            {
                if (!partTerms.Exists(p => p.Term == term)) { wholeTerm = term; break; }
            }
        }

        highlight.AddTerms(partTerms.Select(p => p.Term));

        // An identifier matches, per field: its own spelling (scores most), the same identifier spelt another way
        // ("customer_id" and "customerId" share the key "customerid", worth half), or all its parts (so
        // "first_name" finds customer_first_name). Plain terms only: no positions to check, cheap on big indexes.
        var key = partTerms.Count == 1 ? null : string.Concat(partTerms.Select(p => p.Term));
        var anyField = new BooleanQuery(disableCoord: true);
        foreach (var (field, boost, matchesParts) in fields)
        {
            Query fieldQuery;
            if (key is null)
            {
                fieldQuery = new TermQuery(new Term(field, wholeTerm));
            }
            else
            {
                var either = new BooleanQuery(disableCoord: true);
                if (matchesParts)
                {
                    var allParts = new BooleanQuery(disableCoord: true);
                    foreach (var (term, _) in partTerms) allParts.Add(new TermQuery(new Term(field, term)), Occur.MUST);
                    either.Add(allParts, Occur.SHOULD);
                }
                if (wholeTerm is not null) either.Add(new TermQuery(new Term(field, wholeTerm)), Occur.SHOULD);
                if (key != wholeTerm) either.Add(new TermQuery(new Term(field, key)) { Boost = 0.5f }, Occur.SHOULD);
                fieldQuery = either;
            }
            fieldQuery.Boost = boost;
            anyField.Add(fieldQuery, Occur.SHOULD);
        }

        var prefix = wholeTerm ?? partTerms[^1].Term;
        if (prefixFields.Length > 0 && prefix.Length >= shortestPrefix)
        {
            if (partTerms.Count == 1) highlight.AddPrefix(prefix);
            foreach (var field in prefixFields)
            {
                if (prefix.Length >= field.Shortest) anyField.Add(PrefixClause(field, prefix), Occur.SHOULD);
            }
        }
        return anyField;
    }

    private Query? PhraseClause(string text, SearchedField[] fields, HighlightTerms highlight)
    {
        var terms = parts.Analyze(text);
        if (terms.Count == 0) return null;
        highlight.AddTerms(terms.Select(t => t.Term));
        var anyField = new BooleanQuery(disableCoord: true);
        foreach (var (field, boost, _) in fields)
        {
            Query fieldQuery = terms.Count == 1 ? new TermQuery(new Term(field, terms[0].Term)) : Phrase(field, terms);
            fieldQuery.Boost = boost;
            anyField.Add(fieldQuery, Occur.SHOULD);
        }
        return anyField;
    }

    /// <summary>Matches words starting with <paramref name="prefix"/>: one indexed-prefix term, or an expansion past <see cref="IdentifierAnalyzer.MaxIndexedPrefix"/> characters.</summary>
    public static Query PrefixClause(PrefixField field, string prefix)
    {
        Query query = prefix.Length <= IdentifierAnalyzer.MaxIndexedPrefix
            ? new TermQuery(new Term(field.PrefixIndex, prefix))
            : new PrefixQuery(new Term(field.Field, prefix));
        return new ConstantScoreQuery(query) { Boost = field.Boost };
    }

    private static PhraseQuery Phrase(string field, List<(string Term, int Position)> terms)
    {
        var phrase = new PhraseQuery();
        foreach (var (term, position) in terms) phrase.Add(new Term(field, term), position);
        return phrase;
    }

    private sealed record Phrases(List<string> Texts, bool EndsText);

    /// <summary>
    /// Splits the text into words outside double quotes and phrases inside them. An odd number of quotes means
    /// the last one is unbalanced: it is ignored (the text after it is plain words). <c>EndsText</c> tells
    /// whether a phrase follows the last word (then that word is complete, not a prefix being typed).
    /// </summary>
    private static (List<string> Words, Phrases Phrases, bool DroppedQuote) Split(string text)
    {
        var quotes = 0;
        foreach (var c in text) if (c == '"') quotes++;
        var dropped = quotes % 2 == 1;
        var ignoredQuote = dropped ? text.LastIndexOf('"') : -1;

        var words = new List<string>();
        var phrases = new List<string>();
        var current = new StringBuilder();
        var inPhrase = false;
        var phraseAfterLastWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                Flush(current, inPhrase, words, phrases);
                if (i == ignoredQuote) continue;
                inPhrase = !inPhrase;
                if (!inPhrase) phraseAfterLastWord = true;
            }
            else if (inPhrase)
            {
                current.Append(c);
            }
            else if (IsWordChar(c) || char.IsSurrogate(c))
            {
                if (current.Length == 0) phraseAfterLastWord = false;
                current.Append(c);
            }
            else
            {
                Flush(current, false, words, phrases);
            }
        }
        Flush(current, inPhrase, words, phrases);
        return (words, new Phrases(phrases, phraseAfterLastWord), dropped);
    }

    private static void Flush(StringBuilder current, bool phrase, List<string> words, List<string> phrases)
    {
        if (current.Length == 0) return;
        var s = current.ToString();
        current.Clear();
        if (phrase) phrases.Add(s);
        else words.Add(s);
    }

    /// <summary>The characters the analyzer keeps in a word (letters, digits, '_' and '-').</summary>
    private static bool IsWordChar(char c) => c == '_' || c == '-' || char.IsLetterOrDigit(c);
}
