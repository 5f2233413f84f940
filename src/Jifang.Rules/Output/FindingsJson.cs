using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Jifang.Rules.Engine;
using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Output;

/// <summary>Writes the contract's findings document.</summary>
public static class FindingsJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static void Write(Judgement judgement, Stream output)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartObject();
        w.WriteStartObject("regulation");
        w.WriteString("id", judgement.Pack.Id);
        w.WriteString("title", judgement.Pack.Title);
        w.WriteString("effective", judgement.Pack.Effective.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteString("asOf", judgement.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteStartArray("findings");
        foreach (var f in judgement.Findings)
        {
            WriteFinding(w, f);
            if (w.BytesPending > 1 << 16)
            {
                w.Flush();
            }
        }
        w.WriteEndArray();
        w.WriteStartArray("notJudged");
        foreach (var n in judgement.NotJudged)
        {
            w.WriteStartObject();
            WriteSubject(w, n.Subject);
            w.WriteString("reason", n.Reason);
            w.WriteString("message", n.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
    }

    public static void WriteFinding(Utf8JsonWriter w, Finding f)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(f);
        w.WriteStartObject();
        w.WriteString("rule", f.Rule);
        WriteSubject(w, f.Subject);
        w.WriteStartArray("breaches");
        foreach (var b in f.Breaches)
        {
            WriteCitation(w, b);
        }
        w.WriteEndArray();
        w.WriteString("message", f.Message);
        if (f.Consequence is { } c)
        {
            w.WriteStartObject("consequence");
            w.WritePropertyName("basis");
            WriteCitation(w, c.Basis);
            if (c.Authority is null)
            {
                w.WriteNull("authority");
            }
            else
            {
                w.WriteString("authority", c.Authority);
            }
            w.WriteStartArray("orders");
            foreach (var o in c.Orders)
            {
                w.WriteStringValue(o);
            }
            w.WriteEndArray();
            w.WriteStartArray("fines");
            foreach (var fine in c.Fines)
            {
                w.WriteStartObject();
                w.WriteString("payer", Vocab.Payers.Code(fine.Payer));
                w.WriteNumber("min", fine.Min);
                w.WriteNumber("max", fine.Max);
                w.WriteString("when", Vocab.FineConditions.Code(fine.When));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("other");
            foreach (var o in c.Other)
            {
                w.WriteStringValue(o);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("consequence");
        }
        w.WriteEndObject();
    }

    private static void WriteSubject(Utf8JsonWriter w, Subject s)
    {
        w.WriteStartObject("subject");
        w.WriteString("kind", Vocab.SubjectKinds.Code(s.Kind));
        w.WriteString("id", s.Id);
        if (s.Site is not null)
        {
            w.WriteString("site", s.Site);
        }
        w.WriteEndObject();
    }

    private static void WriteCitation(Utf8JsonWriter w, Citation c)
    {
        w.WriteStartObject();
        w.WriteNumber("article", c.Article);
        w.WriteNumber("paragraph", c.Paragraph);
        if (c.Item is { } item)
        {
            w.WriteNumber("item", item);
        }
        else
        {
            w.WriteNull("item");
        }
        w.WriteEndObject();
    }
}
