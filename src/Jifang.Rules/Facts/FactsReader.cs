using System.Buffers;
using System.Text.Json;

namespace Jifang.Rules.Facts;

/// <summary>
/// Reads a facts file as a stream: the top-level object is walked token by token, and each site,
/// act and request is parsed from its own slice of the buffer and handed to the sink before the
/// next is read. Memory is bounded by the largest single element, not by the file.
/// </summary>
public sealed class FactsReader
{
    private const int InitialBuffer = 1 << 16;
    private const int MaxElementBytes = 64 << 20;

    private readonly IFactsSink _sink;
    private readonly FactsProblems _problems;
    private readonly ElementParser _parser;
    private readonly FactsReferences _references;

    public FactsReader(IFactsSink sink, FactsProblems problems)
    {
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _problems = problems ?? throw new ArgumentNullException(nameof(problems));
        _parser = new ElementParser(problems);
        _references = new FactsReferences(problems);
    }

    private enum Section { None, Sites, Acts, Requests, Skipped }

    private enum State { Start, Root, Array, End }

    /// <summary>Reads the whole stream; problems are recorded, never thrown.</summary>
    public void Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        try
        {
            ReadCore(stream, ref buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void ReadCore(Stream stream, ref byte[] buffer)
    {
        var length = 0;
        var final = false;
        var state = State.Start;
        var section = Section.None;
        var index = 0;
        var seenRoot = new HashSet<string>(StringComparer.Ordinal);
        var readerState = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        var start = 0;
        var path = "";

        while (true)
        {
            // Fill the buffer after the unconsumed bytes.
            if (!final)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= MaxElementBytes)
                    {
                        _problems.Error(path, $"单个对象超过 {MaxElementBytes >> 20} MiB，无法读取");
                        return;
                    }
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, bigger, 0, length);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var n = stream.Read(buffer, length, buffer.Length - length);
                if (n == 0)
                {
                    final = true;
                }
                length += n;
            }

            if (final && state == State.Start && buffer.AsSpan(start, length - start).IndexOfAnyExcept(" \t\r\n"u8) < 0)
            {
                _problems.Error("$", "文件为空，应为一个 JSON 对象");
                return;
            }
            var reader = new Utf8JsonReader(buffer.AsSpan(start, length - start), final, readerState);
            var consumed = 0;
            try
            {
                while (true)
                {
                    var checkpoint = reader.CurrentState;
                    var checkpointAt = (int)reader.BytesConsumed;
                    if (!Step(ref reader, ref state, ref section, ref index, seenRoot, buffer, start, ref path))
                    {
                        // Not enough bytes for the next whole unit: go back to before it and read more.
                        readerState = checkpoint;
                        consumed = checkpointAt;
                        break;
                    }
                    if (state == State.End)
                    {
                        consumed = (int)reader.BytesConsumed;
                        readerState = reader.CurrentState;
                        break;
                    }
                }
            }
            catch (JsonException ex)
            {
                _problems.Error(path.Length == 0 ? "$" : path, "JSON 格式错误：" + Describe(ex));
                return;
            }

            if (state == State.End)
            {
                if (!OnlyWhitespaceFollows(stream, buffer.AsSpan(start + consumed, length - start - consumed), final))
                {
                    _problems.Error("$", "顶层对象之后还有多余内容");
                }
                break;
            }
            if (final)
            {
                _problems.Error(path.Length == 0 ? "$" : path, state == State.Start ? "文件为空，应为一个 JSON 对象" : "JSON 意外结束（文件不完整）");
                break;
            }
            start += consumed;
            Compact(buffer, ref start, ref length);
        }
        if (!_problems.HasErrors)
        {
            _references.CheckAll();
        }
    }

    private static bool OnlyWhitespaceFollows(Stream stream, ReadOnlySpan<byte> rest, bool final)
    {
        static bool Blank(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept(" \t\r\n"u8) < 0;
        if (!Blank(rest))
        {
            return false;
        }
        if (final)
        {
            return true;
        }
        var chunk = new byte[8192];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (!Blank(chunk.AsSpan(0, n)))
            {
                return false;
            }
        }
        return true;
    }

    private static void Compact(byte[] buffer, ref int start, ref int length)
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, length - start);
            length -= start;
            start = 0;
        }
    }

    private static string Describe(JsonException ex) =>
        ex.LineNumber is { } line ? $"第 {line + 1} 行第 {ex.BytePositionInLine + 1} 字节附近：{Trim(ex.Message)}" : Trim(ex.Message);

    private static string Trim(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut].TrimEnd();
    }

    /// <summary>Advances by one whole unit; false when the buffer ends inside it.</summary>
    private bool Step(ref Utf8JsonReader reader, ref State state, ref Section section, ref int index, HashSet<string> seenRoot, byte[] buffer, int bufferStart, ref string path)
    {
        switch (state)
        {
            case State.Start:
                if (!reader.Read())
                {
                    return false;
                }
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    _problems.Error("$", "顶层应为 JSON 对象");
                    throw new JsonException("顶层不是对象");
                }
                state = State.Root;
                return true;

            case State.Root:
            {
                if (!reader.Read())
                {
                    return false;
                }
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    state = State.End;
                    return true;
                }
                var name = ElementParser.SafeString(ref reader, _problems, "$") ?? "\uFFFD";
                if (!reader.Read())
                {
                    return false;
                }
                path = name;
                var isArraySection = name is "sites" or "acts" or "accessRequests";
                // Make sure the whole value is in the buffer before recording anything about it, so
                // that a retry after reading more bytes records nothing twice.
                if (!(isArraySection && reader.TokenType == JsonTokenType.StartArray))
                {
                    var probe = reader;
                    if (!probe.TrySkip())
                    {
                        return false;
                    }
                }
                if (!seenRoot.Add(name))
                {
                    _problems.Error(name, "字段重复");
                }
                switch (name)
                {
                    case "sites" or "acts" or "accessRequests":
                        if (reader.TokenType == JsonTokenType.Null)
                        {
                            return true;
                        }
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            _problems.Error(name, "应为数组");
                            _ = reader.TrySkip();
                            return true;
                        }
                        section = name switch { "sites" => Section.Sites, "acts" => Section.Acts, _ => Section.Requests };
                        index = 0;
                        state = State.Array;
                        return true;
                    case "regulation":
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            if (ElementParser.SafeString(ref reader, _problems, name) is { } id)
                            {
                                _sink.Regulation(id);
                            }
                        }
                        else if (reader.TokenType != JsonTokenType.Null)
                        {
                            _problems.Error(name, "应为字符串（条例标识，如 \"nmg-2007\"）");
                            _ = reader.TrySkip();
                        }
                        return true;
                    case "asOf":
                        if (reader.TokenType == JsonTokenType.String && ElementParser.SafeString(ref reader, _problems, name) is { } text)
                        {
                            if (ElementParser.TryParseDate(text, out var date))
                            {
                                _sink.AsOf(date);
                            }
                            else
                            {
                                _problems.Error(name, $"日期应为 YYYY-MM-DD，实际为 \"{(text.Length > 60 ? text[..57] + "…" : text)}\"");
                            }
                        }
                        else if (reader.TokenType != JsonTokenType.Null)
                        {
                            _problems.Error(name, "应为日期字符串 YYYY-MM-DD");
                            _ = reader.TrySkip();
                        }
                        return true;
                    default:
                        ElementParser.UnknownField(_problems, "", name, ["regulation", "asOf", "sites", "acts", "accessRequests"]);
                        _ = reader.TrySkip();
                        return true;
                }
            }

            case State.Array:
            {
                if (!reader.Read())
                {
                    return false;
                }
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    state = State.Root;
                    section = Section.None;
                    return true;
                }
                var name = section switch { Section.Sites => "sites", Section.Acts => "acts", _ => "accessRequests" };
                var elementPath = $"{name}[{index}]";
                path = elementPath;
                var from = (int)reader.TokenStartIndex;
                if (!reader.TrySkip())
                {
                    return false;
                }
                index++;
                if (reader.TokenType != JsonTokenType.EndObject)
                {
                    _problems.Error(elementPath, "应为对象");
                    return true;
                }
                var to = (int)reader.BytesConsumed;
                var slice = new ReadOnlySpan<byte>(buffer, bufferStart + from, to - from);
                Deliver(section, slice, elementPath);
                return true;
            }

            default:
                return true;
        }
    }

    private void Deliver(Section section, ReadOnlySpan<byte> slice, string path)
    {
        if (!System.Text.Unicode.Utf8.IsValid(slice))
        {
            _problems.Error(path, "含有无效的 UTF-8 字节（文件应为 UTF-8 编码）");
            return;
        }
        var deliver = !_problems.HasErrors;
        switch (section)
        {
            case Section.Sites:
                if (_parser.ParseSite(slice, path) is { } site && _references.AddSite(site, path) && deliver)
                {
                    _sink.Site(site);
                }
                break;
            case Section.Acts:
                if (_parser.ParseAct(slice, path) is { } act && _references.AddAct(act, path) && deliver)
                {
                    _sink.Act(act);
                }
                break;
            case Section.Requests:
                if (_parser.ParseRequest(slice, path) is { } request && _references.AddRequest(request, path) && deliver)
                {
                    _sink.Request(request);
                }
                break;
            default:
                break;
        }
    }
}
