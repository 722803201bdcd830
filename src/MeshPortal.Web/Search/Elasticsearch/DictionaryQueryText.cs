using System.Text;

namespace MeshPortal.Web.Search.Elasticsearch;

/// <summary>
/// What the user typed, split into plain words and "quoted phrases", with the same rules as the Lucene backend.
/// Everything is matched as literal text (match queries, never query_string), so no character has a special
/// meaning except the double quote; an unbalanced quote is dropped with a notice. Text past
/// <see cref="SearchRequest.MaxQueryLength"/> is cut with a notice.
/// </summary>
internal sealed record DictionaryQueryText(
    IReadOnlyList<string> Words,
    IReadOnlyList<string> Phrases,
    bool PrefixLastWord,
    bool IsEmpty,
    bool IsSearchable,
    string? Notice)
{
    /// <summary>The shortest last word that also matches as a prefix (one letter would match nearly everything).</summary>
    public const int MinPrefixLength = 2;

    public static DictionaryQueryText Parse(string? text)
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
        if (text.Length == 0) return new([], [], false, IsEmpty: true, IsSearchable: false, null);

        var phrases = new List<string>();
        var rest = new StringBuilder(text.Length);
        var endsWithPhrase = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '"')
            {
                rest.Append(text[i]);
                if (!char.IsWhiteSpace(text[i])) endsWithPhrase = false;
                continue;
            }
            var close = text.IndexOf('"', i + 1);
            if (close < 0)
            {
                notices.Add("An unmatched double quote was ignored.");
                continue;
            }
            var phrase = text[(i + 1)..close].Trim();
            if (phrase.Length > 0) phrases.Add(phrase);
            rest.Append(' ');
            endsWithPhrase = true;
            i = close;
        }
        var words = rest.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var searchable = words.Any(HasLetterOrDigit) || phrases.Any(HasLetterOrDigit);
        if (!searchable) notices.Add("The query has no searchable words (letters or digits).");
        var prefix = searchable && !endsWithPhrase && words.Length > 0 && LettersAndDigits(words[^1]) >= MinPrefixLength;
        return new(words, phrases, prefix, IsEmpty: false, searchable, notices.Count == 0 ? null : string.Join(" ", notices));
    }

    private static bool HasLetterOrDigit(string s) => LettersAndDigits(s) > 0;

    private static int LettersAndDigits(string s) => s.EnumerateRunes().Count(Rune.IsLetterOrDigit);
}
