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

    /// <summary>A writer with the documents' options (indented, Chinese unescaped).</summary>
    public static Utf8JsonWriter Writer(Stream output) => new(output, Options);

    public static void Write(Judgement judgement, Stream output)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        using var w = Writer(output);
        WriteDocument(w, judgement);
        w.Flush();
    }

    /// <summary>
    /// Several regulations' judgements of one facts file: <c>{"asOf", "regulations": [ids as given],
    /// "judgements": [one findings document per regulation in force], "notInForce": [{"regulation", "message"}]}</c>.
    /// </summary>
    public static void WriteSeveral(IReadOnlyList<RegulationJudgement> judgements, Stream output)
    {
        ArgumentNullException.ThrowIfNull(judgements);
        using var w = Writer(output);
        w.WriteStartObject();
        w.WriteString("asOf", Date(judgements[0].AsOf));
        w.WriteStartArray("regulations");
        foreach (var j in judgements)
        {
            w.WriteStringValue(j.Pack.Id);
        }
        w.WriteEndArray();
        w.WriteStartArray("judgements");
        foreach (var j in judgements.Where(j => j.Judgement is not null))
        {
            WriteDocument(w, j.Judgement!);
        }
        w.WriteEndArray();
        w.WriteStartArray("notInForce");
        foreach (var j in judgements.Where(j => j.NotInForce is not null))
        {
            w.WriteStartObject();
            WriteRegulation(w, j.Pack);
            w.WriteString("message", j.NotInForce);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
    }

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>"regulation": {"id", "title", "effective"}</c>.</summary>
    public static void WriteRegulation(Utf8JsonWriter w, Pack pack)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(pack);
        w.WriteStartObject("regulation");
        w.WriteString("id", pack.Id);
        w.WriteString("title", pack.Title);
        w.WriteString("effective", Date(pack.Effective));
        w.WriteEndObject();
    }

    /// <summary>The contract's findings document for one judgement.</summary>
    public static void WriteDocument(Utf8JsonWriter w, Judgement judgement)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(judgement);
        w.WriteStartObject();
        WriteRegulation(w, judgement.Pack);
        w.WriteString("asOf", Date(judgement.AsOf));
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
            WriteNotJudged(w, n);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteNotJudged(Utf8JsonWriter w, NotJudged n)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(n);
        w.WriteStartObject();
        WriteSubject(w, n.Subject);
        w.WriteString("reason", n.Reason);
        w.WriteString("message", n.Message);
        w.WriteEndObject();
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

    public static void WriteSubject(Utf8JsonWriter w, Subject s)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        w.WriteStartObject("subject");
        w.WriteString("kind", Vocab.SubjectKinds.Code(s.Kind));
        w.WriteString("id", s.Id);
        if (s.Site is not null)
        {
            w.WriteString("site", s.Site);
        }
        w.WriteEndObject();
    }

    public static void WriteCitation(Utf8JsonWriter w, Citation c)
    {
        ArgumentNullException.ThrowIfNull(w);
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
