using System.Globalization;
using System.Text;

namespace Cloister.Toolstack;

/// <summary>
/// An xl.cfg file (Xen's docs/man/xl.cfg): KEY = VALUE lines, where a value is a quoted string,
/// a number, or a [list, of, values]; '#' starts a comment. Values are kept as text with the
/// line they came from, so that later checks can report file, line and key.
/// </summary>
public sealed class XlConfig
{
    public sealed record Setting(string Key, string? Text, IReadOnlyList<string>? List, int Line);

    readonly Dictionary<string, Setting> settings = new(StringComparer.Ordinal);

    public string Path { get; }
    public IReadOnlyDictionary<string, Setting> Settings => settings;

    XlConfig(string path) => Path = path;

    public static XlConfig Load(string path) => Load(path, []);

    /// <summary>The file with xl's KEY=VALUE arguments appended as further lines, so that they
    /// override the file's settings (xl create's extra configuration).</summary>
    public static XlConfig Load(string path, IReadOnlyList<string> extraLines)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new XlConfigException($"{path}: cannot read: {e.Message}");
        }
        return Parse(extraLines.Count == 0 ? text : text + "\n" + string.Join("\n", extraLines) + "\n", path);
    }

    public static XlConfig Parse(string text, string path)
    {
        var config = new XlConfig(path);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = StripComment(lines[i]).Trim();
            if (line.Length == 0) continue;
            int eq = line.IndexOf('=');
            if (eq <= 0) throw new XlConfigException($"{path}:{i + 1}: expected KEY = VALUE");
            string key = line[..eq].Trim();
            if (!IsKey(key)) throw new XlConfigException($"{path}:{i + 1}: '{key}' is not a valid key");
            string value = line[(eq + 1)..].Trim();
            if (value.StartsWith('['))
            {
                // A list may continue over several lines until its closing bracket.
                var sb = new StringBuilder(value);
                while (!sb.ToString().TrimEnd().EndsWith(']'))
                {
                    if (++i >= lines.Length) throw new XlConfigException($"{path}:{i}: key '{key}': unterminated list");
                    sb.Append(' ').Append(StripComment(lines[i]).Trim());
                }
                config.settings[key] = new Setting(key, null, ParseList(sb.ToString(), path, i + 1, key), i + 1);
            }
            else
            {
                config.settings[key] = new Setting(key, ParseScalar(value, path, i + 1, key), null, i + 1);
            }
        }
        return config;
    }

    static bool IsKey(string k) => k.Length > 0 && k.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    static string StripComment(string line)
    {
        bool quoted = false;
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted) { if (c == quote) quoted = false; }
            else if (c is '"' or '\'') { quoted = true; quote = c; }
            else if (c == '#') return line[..i];
        }
        return line;
    }

    static string ParseScalar(string value, string path, int line, string key)
    {
        if (value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0])
            return value[1..^1];
        if (value.Length > 0 && value[0] is '"' or '\'')
            throw new XlConfigException($"{path}:{line}: key '{key}': unterminated string");
        if (value.Length == 0) throw new XlConfigException($"{path}:{line}: key '{key}': missing value");
        return value;
    }

    static List<string> ParseList(string value, string path, int line, string key)
    {
        string inner = value.Trim();
        if (!inner.EndsWith(']')) throw new XlConfigException($"{path}:{line}: key '{key}': unterminated list");
        inner = inner[1..^1];
        var items = new List<string>();
        foreach (var part in SplitTopLevel(inner))
        {
            string p = part.Trim();
            if (p.Length == 0) continue;
            items.Add(ParseScalar(p, path, line, key));
        }
        return items;
    }

    static IEnumerable<string> SplitTopLevel(string s)
    {
        int start = 0;
        bool quoted = false;
        char quote = '\0';
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (quoted) { if (c == quote) quoted = false; }
            else if (c is '"' or '\'') { quoted = true; quote = c; }
            else if (c == ',') { yield return s[start..i]; start = i + 1; }
        }
        yield return s[start..];
    }

    public string? GetString(string key) => settings.TryGetValue(key, out var s) ? s.Text : null;

    public long? GetInteger(string key, long min, long max)
    {
        if (!settings.TryGetValue(key, out var s)) return null;
        if (s.Text is null || !long.TryParse(s.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v))
            throw new XlConfigException($"{Path}:{s.Line}: key '{key}': '{s.Text ?? "[...]"}' is not a number");
        if (v < min || v > max)
            throw new XlConfigException($"{Path}:{s.Line}: key '{key}': {v} is out of range ({min}..{max})");
        return v;
    }

    public string RequireString(string key) =>
        GetString(key) ?? throw new XlConfigException($"{Path}: required key '{key}' is missing");

    public int LineOf(string key) => settings.TryGetValue(key, out var s) ? s.Line : 0;
}
