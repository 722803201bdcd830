using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace MeshPortal.Web.Search.Lucene;

/// <summary>
/// The dictionary's text analysis, the same at index and query time:
/// words are runs of letters, digits, '_' and '-' (leading and trailing '-' trimmed); each word is split on
/// '_', '-', lower-to-upper case changes and letter/digit changes, keeping the whole word too (so "customerId"
/// gives "customerid", "customer", "id"); everything is lower-cased and folded to ASCII. No stop words, no stemming.
/// </summary>
/// <remarks>
/// The splitting rules are those of Lucene's WordDelimiterFilter (GENERATE_WORD_PARTS, GENERATE_NUMBER_PARTS,
/// SPLIT_ON_CASE_CHANGE, SPLIT_ON_NUMERICS, PRESERVE_ORIGINAL) and Elasticsearch's word_delimiter_graph, with the
/// same positions (the whole word at the position of its first part). One tokenizer does it all: the
/// CharTokenizer + WordDelimiterFilter + LowerCaseFilter + ASCIIFoldingFilter chain was 2-3× slower here.
/// </remarks>
public sealed class IdentifierAnalyzer : Analyzer
{
    internal static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Prefixes indexed for typeahead are at most this long; longer ones (rare, and shared by few terms) use a PrefixQuery.</summary>
    public const int MaxIndexedPrefix = 15;

    private readonly bool _preserveOriginal;
    private readonly IReadOnlyDictionary<string, int> _prefixFields;

    /// <param name="preserveOriginal">
    /// True (indexing, whole-identifier terms): split words are also emitted whole. False: only the parts
    /// (phrases, highlighting).
    /// </param>
    /// <param name="prefixFields">
    /// Fields that get, instead of terms, every prefix of every term (whole and parts) from the given length to
    /// <see cref="MaxIndexedPrefix"/>, so a typeahead prefix is one term lookup rather than an expansion over all
    /// the terms that start with it.
    /// </param>
    public IdentifierAnalyzer(bool preserveOriginal = true, IReadOnlyDictionary<string, int>? prefixFields = null) : base(PER_FIELD_REUSE_STRATEGY)
    {
        _preserveOriginal = preserveOriginal;
        _prefixFields = prefixFields ?? new Dictionary<string, int>();
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        _prefixFields.TryGetValue(fieldName, out var shortest)
            ? new(new IdentifierTokenizer(reader, preserveOriginal: true, shortestPrefix: shortest))
            : new(new IdentifierTokenizer(reader, _preserveOriginal, shortestPrefix: 0));

    // Keeps the values of a multi-valued field (tags) from forming phrases across values.
    public override int GetPositionIncrementGap(string fieldName) => 100;

    /// <summary>Analyzes <paramref name="text"/> into its terms and positions (query side; small inputs).</summary>
    internal List<(string Term, int Position)> Analyze(string text)
    {
        var terms = new List<(string, int)>();
        using var stream = GetTokenStream("q", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            terms.Add((term.ToString(), Math.Max(position, 0)));
        }
        stream.End();
        return terms;
    }

    private sealed class IdentifierTokenizer : Tokenizer
    {
        private const int MaxWordLength = 255;
        private const int Lower = 1, Upper = 2, Alpha = Lower | Upper, Digit = 4, Delimiter = 8;

        private readonly bool _preserveOriginal;
        private readonly bool _prefixes;
        private readonly int _shortestPrefix;
        private readonly ICharTermAttribute _term;
        private readonly IOffsetAttribute _offset;
        private readonly IPositionIncrementAttribute _increment;

        private char[] _text = new char[256];
        private int _length;
        private int _position;
        private readonly char[] _folded = new char[MaxWordLength * 4];

        // Parts of the current word still to emit: [start, end) pairs into _text.
        private readonly int[] _parts = new int[MaxWordLength * 2];
        private int _partCount;
        private int _nextPart;

        // Prefix mode: the folded term whose prefixes are being emitted, the next prefix length and the last one.
        private readonly char[] _gramSource = new char[MaxWordLength * 4];
        private int _gramNext, _gramLast, _gramStartOffset, _gramEndOffset;
        // When a split word is emitted whole: its length and that of its first part, whose prefixes it shares.
        private int _wholeLength, _sharedPrefix;

        /// <param name="shortestPrefix">0: emit terms; otherwise emit their prefixes from this length on.</param>
        public IdentifierTokenizer(TextReader input, bool preserveOriginal, int shortestPrefix) : base(input)
        {
            _preserveOriginal = preserveOriginal;
            _prefixes = shortestPrefix > 0;
            _shortestPrefix = shortestPrefix;
            _term = AddAttribute<ICharTermAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
            _increment = AddAttribute<IPositionIncrementAttribute>();
        }

        public override void Reset()
        {
            base.Reset();
            _length = 0;
            int read;
            while ((read = m_input.Read(_text, _length, _text.Length - _length)) > 0)
            {
                _length += read;
                if (_length == _text.Length) Array.Resize(ref _text, _text.Length * 2);
            }
            _position = 0;
            _partCount = _nextPart = 0;
            _gramNext = 1;
            _gramLast = 0;
            _sharedPrefix = 0;
        }

        public override bool IncrementToken()
        {
            ClearAttributes();
            if (!_prefixes) return NextTerm();
            while (true)
            {
                if (_gramNext <= _gramLast)
                {
                    _term.CopyBuffer(_gramSource, 0, _gramNext++);
                    _offset.SetOffset(_gramStartOffset, _gramEndOffset);
                    return true;
                }
                if (!NextTerm()) return false;
                _gramLast = Math.Min(_term.Length, MaxIndexedPrefix);
                // "customer_id" needs only "customer_" and longer: "cu".."customer" come with its part "customer".
                _gramNext = _sharedPrefix > 0 && _term.Length == _wholeLength ? Math.Max(_shortestPrefix, _sharedPrefix + 1) : _shortestPrefix;
                _sharedPrefix = 0;
                if (_gramNext > _gramLast) continue;
                Array.Copy(_term.Buffer, _gramSource, _gramLast);
                _gramStartOffset = _offset.StartOffset;
                _gramEndOffset = _offset.EndOffset;
                ClearAttributes();
            }
        }

        /// <summary>The next term: a word, or the whole of a split word followed by its parts.</summary>
        private bool NextTerm()
        {
            if (_nextPart < _partCount)
            {
                var index = _nextPart++;
                Emit(_parts[index * 2], _parts[index * 2 + 1], index == 0 && _preserveOriginal ? 0 : 1);
                return true;
            }

            while (_position < _length)
            {
                while (_position < _length && !IsWordChar(_position)) _position++;
                var start = _position;
                while (_position < _length && _position - start < MaxWordLength && IsWordChar(_position)) _position++;
                var end = _position;
                while (start < end && _text[start] == '-') start++;
                while (end > start && _text[end - 1] == '-') end--;
                if (start == end) continue;

                Split(start, end);
                if (_partCount == 0) continue; // only delimiters, e.g. "__"
                if (_partCount == 1 && _parts[0] == start && _parts[1] == end)
                {
                    _partCount = 0;
                    Emit(start, end, 1);
                    return true;
                }
                if (_preserveOriginal)
                {
                    _nextPart = 0;
                    Emit(start, end, 1);
                    _wholeLength = end - start;
                    _sharedPrefix = _parts[0] == start ? _parts[1] - start : 0;
                }
                else
                {
                    _nextPart = 1;
                    Emit(_parts[0], _parts[1], 1);
                }
                return true;
            }
            return false;
        }

        public override void End()
        {
            base.End();
            var final = CorrectOffset(_length);
            _offset.SetOffset(final, final);
        }

        private void Emit(int start, int end, int increment)
        {
            var length = end - start;
            var ascii = true;
            for (var i = start; i < end; i++)
            {
                if (_text[i] >= 0x80) { ascii = false; break; }
            }
            if (ascii)
            {
                var buffer = _term.ResizeBuffer(length);
                for (var i = 0; i < length; i++)
                {
                    var c = _text[start + i];
                    buffer[i] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
                }
                _term.Length = length;
            }
            else
            {
                var lower = _term.ResizeBuffer(length);
                for (var i = 0; i < length; i++) lower[i] = char.ToLowerInvariant(_text[start + i]);
                var foldedLength = ASCIIFoldingFilter.FoldToASCII(lower, 0, _folded, 0, length);
                _term.CopyBuffer(_folded, 0, foldedLength);
            }
            _offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
            _increment.PositionIncrement = increment;
        }

        // Word parts as WordDelimiterFilter finds them: break at delimiters, lower→upper and letter↔digit.
        private void Split(int start, int end)
        {
            _partCount = 0;
            var partStart = -1;
            var lastType = 0;
            for (var i = start; i < end; i++)
            {
                var type = TypeOf(_text[i]);
                if (type == Delimiter)
                {
                    if (partStart >= 0) AddPart(partStart, i);
                    partStart = -1;
                }
                else if (partStart < 0)
                {
                    partStart = i;
                }
                else if (IsBreak(lastType, type))
                {
                    AddPart(partStart, i);
                    partStart = i;
                }
                lastType = type;
            }
            if (partStart >= 0) AddPart(partStart, end);
        }

        private static bool IsBreak(int lastType, int type)
        {
            if ((type & lastType) != 0) return false;
            if ((lastType & Upper) != 0 && (type & Alpha) != 0) return false; // "Customer": upper then lower
            return true;
        }

        private void AddPart(int start, int end)
        {
            _parts[_partCount * 2] = start;
            _parts[_partCount * 2 + 1] = end;
            _partCount++;
        }

        private static int TypeOf(char c)
        {
            if (c is >= 'a' and <= 'z') return Lower;
            if (c is >= 'A' and <= 'Z') return Upper;
            if (c is >= '0' and <= '9') return Digit;
            if (c is '_' or '-') return Delimiter;
            if (char.IsLower(c)) return Lower;
            if (char.IsUpper(c)) return Upper;
            if (char.IsDigit(c)) return Digit;
            return Alpha; // other letters (and surrogate halves of letters) never break a part
        }

        private bool IsWordChar(int index)
        {
            var c = _text[index];
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-') return true;
            if (c < 0x80) return false;
            if (!char.IsSurrogate(c)) return char.IsLetterOrDigit(c);
            // A surrogate pair is a word character when the code point it encodes is a letter or digit.
            var pairStart = char.IsLowSurrogate(c) && index > 0 ? index - 1 : index;
            return Rune.DecodeFromUtf16(_text.AsSpan(pairStart, Math.Min(2, _length - pairStart)), out var rune, out _) == System.Buffers.OperationStatus.Done
                && Rune.IsLetterOrDigit(rune);
        }
    }
}
