using System.Text;

namespace MeshPortal.Web.Features.Seed.Data;

/// <summary>
/// Produces a string that matches a simple regular expression — the kind contracts use for codes and ids
/// (<c>^SO-[0-9]{8}$</c>, <c>^(INV|CRN)-[0-9]{10}$</c>, <c>^\+[1-9][0-9]{6,14}$</c>): literals, escapes, character
/// classes with ranges, groups with alternatives, and the quantifiers ?, *, +, {n} and {n,m}. Anything richer
/// returns null, and the caller falls back to another value.
/// </summary>
public static class PatternSampler
{
    public static string? Sample(string pattern, Random random)
    {
        try
        {
            var text = pattern.TrimStart('^').TrimEnd('$');
            var position = 0;
            var result = new StringBuilder();
            Sequence(text, ref position, random, result);
            return position == text.Length ? result.ToString() : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static void Sequence(string text, ref int i, Random random, StringBuilder output)
    {
        while (i < text.Length && text[i] is not ('|' or ')'))
        {
            var atom = Atom(text, ref i, random);
            var (min, max) = Quantifier(text, ref i);
            var count = random.Next(min, max + 1);
            for (var n = 0; n < count; n++) output.Append(atom);
        }
    }

    // An atom is generated once per repetition: a class like [0-9]{8} must give eight different digits.
    private sealed record Generated(Func<string> Next)
    {
        public override string ToString() => Next();
    }

    private static object Atom(string text, ref int i, Random random)
    {
        var c = text[i++];
        switch (c)
        {
            case '\\':
                if (i >= text.Length) throw new FormatException();
                var escaped = text[i++];
                return escaped switch
                {
                    'd' => new Generated(() => ((char)('0' + random.Next(10))).ToString()),
                    'w' => new Generated(() => ((char)('a' + random.Next(26))).ToString()),
                    's' => " ",
                    _ when char.IsLetter(escaped) => throw new FormatException(),
                    _ => escaped.ToString(),
                };
            case '[':
                var set = CharacterClass(text, ref i);
                return new Generated(() => set[random.Next(set.Count)].ToString());
            case '(':
                if (i < text.Length && text[i] == '?') throw new FormatException();
                var alternatives = new List<string>();
                var groupStart = i;
                while (true)
                {
                    Sequence(text, ref i, random, new StringBuilder());
                    alternatives.Add(text[groupStart..i]);
                    if (i >= text.Length) throw new FormatException();
                    if (text[i++] == ')') break;
                    groupStart = i;
                }
                return new Generated(() => Sample(alternatives[random.Next(alternatives.Count)], random) ?? throw new FormatException());
            case '.':
                return new Generated(() => ((char)('a' + random.Next(26))).ToString());
            case '*' or '+' or '?' or '{' or '|' or ')' or '^' or '$':
                throw new FormatException();
            default:
                return c.ToString();
        }
    }

    private static List<char> CharacterClass(string text, ref int i)
    {
        if (i < text.Length && text[i] == '^') throw new FormatException();
        var chars = new List<char>();
        while (i < text.Length && text[i] != ']')
        {
            var from = text[i] == '\\' ? text[++i] : text[i];
            i++;
            if (i + 1 < text.Length && text[i] == '-' && text[i + 1] != ']')
            {
                var to = text[i + 1];
                i += 2;
                for (var ch = from; ch <= to; ch++) chars.Add(ch);
            }
            else chars.Add(from);
        }
        if (i >= text.Length || chars.Count == 0) throw new FormatException();
        i++;
        return chars;
    }

    private static (int Min, int Max) Quantifier(string text, ref int i)
    {
        if (i >= text.Length) return (1, 1);
        switch (text[i])
        {
            case '?': i++; return (0, 1);
            case '*': i++; return (0, 3);
            case '+': i++; return (1, 3);
            case '{':
                var end = text.IndexOf('}', i);
                if (end < 0) throw new FormatException();
                var parts = text[(i + 1)..end].Split(',');
                i = end + 1;
                var min = int.Parse(parts[0]);
                var max = parts.Length == 1 ? min : parts[1].Length == 0 ? min + 3 : int.Parse(parts[1]);
                return (min, max);
            default: return (1, 1);
        }
    }
}
