using System.Text;
using System.Text.Json.Nodes;
using Jifang.Rules.Engine;
using Jifang.Rules.Output;
using Jifang.Rules.Tests.Cli;
using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Tests.Facts;

/// <summary>
/// Thousands of random and mutated facts files: the engine never throws, answers only with the
/// contract's statuses, and on bad input says why and judges nothing. Seeds are fixed so a
/// failure reproduces; the failing input is printed.
/// </summary>
public sealed class FuzzTests
{
    private static readonly string[] Seeds = LoadSeeds();

    private static readonly byte[] Structural = "{}[]\",:0-.tfn \\x"u8.ToArray();

    private static string[] LoadSeeds()
    {
        var examples = Directory.GetFiles(Path.Combine(Repo.Shared, "contract", "examples"), "*.facts.json").Order(StringComparer.Ordinal);
        return [.. examples.Select(File.ReadAllText), """
            {"regulation": "province-2012", "asOf": "2024-05-01",
             "sites": [{"id": "S1", "categories": ["hotel", "park"], "publicArea": true, "parts": ["main-entrance", "key-part"],
                        "systems": [{"id": "T1", "subsystems": ["intrusion-alarm"], "covers": ["key-part"], "inService": true, "retentionDays": 7,
                                     "products": [{"model": "A", "inCatalog": false}], "contractors": [{"role": "design", "qualified": false}]}],
                        "devices": [{"id": "D1", "systemId": "T1", "captures": ["audio", "video"], "zone": "toilet"}]}],
             "acts": [{"id": "A1", "kind": "device-removed", "date": "2020-01-01", "actor": "individual", "siteId": "S1", "systemId": "T1"},
                      {"id": "A2", "kind": "vendor-designated", "date": "2010-01-01", "actor": "police"}],
             "accessRequests": [{"id": "R1", "date": "2023-01-01", "requester": "official", "persons": 1, "action": "retrieve"},
                                {"id": "R2", "date": "2023-01-01", "requester": "citizen", "action": "copy"}]}
            """];
    }

    [Fact]
    public void Byte_level_mutations_never_crash_the_engine()
    {
        var random = new Random(20261123);
        for (var i = 0; i < 2500; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]).ToList();
            var edits = 1 + random.Next(4);
            for (var e = 0; e < edits && bytes.Count > 0; e++)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(6))
                {
                    case 0: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(8))); break;
                    case 1: bytes.Insert(at, Structural[random.Next(Structural.Length)]); break;
                    case 2: bytes[at] = (byte)random.Next(256); break;
                    case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                    case 4: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, 1 + random.Next(40)))); break;
                    default: bytes.InsertRange(at, [0xE4, 0xB8]); break; // a cut UTF-8 sequence
                }
            }
            AssertWellBehaved(Encoding.UTF8.GetString([.. bytes]), bytes.ToArray(), random.Next(3) == 0 ? 1 + random.Next(64) : 0);
        }
    }

    [Fact]
    public void Structural_mutations_never_crash_the_engine()
    {
        var random = new Random(7);
        for (var i = 0; i < 2500; i++)
        {
            var root = JsonNode.Parse(Seeds[random.Next(Seeds.Length)])!;
            var edits = 1 + random.Next(5);
            for (var e = 0; e < edits; e++)
            {
                Mutate(root, random);
            }
            var json = root.ToJsonString();
            AssertWellBehaved(json, Encoding.UTF8.GetBytes(json), 0);
        }
    }

    [Fact]
    public void Random_valid_facts_are_judged_and_their_reports_render()
    {
        var random = new Random(42);
        var statuses = new HashSet<CheckStatus>();
        for (var i = 0; i < 1500; i++)
        {
            var json = RandomFacts(random).ToJsonString();
            var outcome = Judge.Run(json);
            Assert.True(outcome.Status is CheckStatus.NoFindings or CheckStatus.Findings or CheckStatus.NotInForce, $"{outcome.Status}: {string.Join("; ", outcome.Errors)}\n{json}");
            statuses.Add(outcome.Status);
        }
        Assert.Contains(CheckStatus.Findings, statuses);
        Assert.Contains(CheckStatus.NoFindings, statuses);
    }

    [Fact]
    public void Mutated_files_through_the_command_line_never_write_stdout_on_errors()
    {
        var random = new Random(99);
        for (var i = 0; i < 300; i++)
        {
            var root = JsonNode.Parse(Seeds[random.Next(Seeds.Length)])!;
            Mutate(root, random);
            var json = root.ToJsonString();
            var (code, stdout, stderr) = CliRunner.RunWithInput(json, "check", "-", "--format", random.Next(2) == 0 ? "json" : "text");
            Assert.True(code is 0 or 1 or 2 or 3, $"exit {code}\n{json}");
            if (code is 2 or 3)
            {
                Assert.Equal("", stdout);
                Assert.NotEqual("", stderr);
            }
            else
            {
                Assert.NotEqual("", stdout);
            }
        }
    }

    private static void AssertWellBehaved(string description, byte[] bytes, int chunk)
    {
        CheckOutcome outcome;
        try
        {
            using Stream stream = chunk > 0 ? new Judge.TrickleStream(bytes, chunk) : new MemoryStream(bytes);
            outcome = Evaluation.Check(stream, Judge.RealPacks.Value, null, null, Judge.Clock);
        }
        catch (Exception ex)
        {
            Assert.Fail($"异常 {ex.GetType().Name}: {ex.Message}\n输入：{description}");
            return;
        }
        switch (outcome.Status)
        {
            case CheckStatus.BadInput:
            case CheckStatus.NotInForce:
                Assert.Null(outcome.Judgement);
                Assert.NotEmpty(outcome.Errors);
                Assert.All(outcome.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e)));
                break;
            case CheckStatus.NoFindings:
            case CheckStatus.Findings:
                Assert.NotNull(outcome.Judgement);
                Assert.Equal(outcome.Status == CheckStatus.Findings, outcome.Judgement.Findings.Count > 0);
                Render(outcome.Judgement);
                break;
            default:
                Assert.Fail($"未知状态 {outcome.Status}\n输入：{description}");
                break;
        }
    }

    private static void Render(Judgement judgement)
    {
        using var json = new MemoryStream();
        FindingsJson.Write(judgement, json);
        JsonNode.Parse(json.ToArray());
        TextReport.Write(judgement, TextWriter.Null);
    }

    private static void Mutate(JsonNode root, Random random)
    {
        var containers = new List<JsonNode>();
        Collect(root, containers);
        var target = containers[random.Next(containers.Count)];
        if (target is JsonObject obj && obj.Count > 0)
        {
            var key = obj.ElementAt(random.Next(obj.Count)).Key;
            switch (random.Next(4))
            {
                case 0: obj.Remove(key); break;
                case 1: obj[key] = RandomValue(random); break;
                case 2:
                    var value = obj[key];
                    obj.Remove(key);
                    obj[key.Length > 1 ? key[..^1] : key + "x"] = value;
                    break;
                default: obj[key] = RandomWord(random); break;
            }
        }
        else if (target is JsonArray array && array.Count > 0)
        {
            var at = random.Next(array.Count);
            switch (random.Next(4))
            {
                case 0: array.RemoveAt(at); break;
                case 1: array.Add(array[at]?.DeepClone()); break; // duplicate ids
                case 2: array[at] = RandomValue(random); break;
                default: array[at] = RandomWord(random); break;
            }
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        switch (node)
        {
            case JsonObject o:
                into.Add(o);
                foreach (var kv in o)
                {
                    Collect(kv.Value, into);
                }
                break;
            case JsonArray a:
                into.Add(a);
                foreach (var x in a)
                {
                    Collect(x, into);
                }
                break;
            default:
                break;
        }
    }

    private static JsonNode? RandomValue(Random random) => random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(-5, 100)),
        3 => JsonValue.Create(1e300),
        4 => JsonValue.Create(new string('字', random.Next(1, 6000))),
        5 => new JsonArray(RandomWord(random), RandomWord(random)),
        6 => new JsonObject { ["id"] = RandomWord(random) },
        7 => JsonValue.Create(random.Next(2) == 0 ? "2024-02-30" : "1999-01-01"),
        _ => JsonValue.Create(-1.5),
    };

    private static JsonValue RandomWord(Random random)
    {
        var lists = new[] { Vocab.SiteCategories.Codes, Vocab.Zones.Codes, Vocab.Parts.Codes, Vocab.ActKinds.Codes, Vocab.Organizers.Codes, Vocab.AccessActions.Codes };
        var words = lists[random.Next(lists.Length)].ToList();
        var word = words[random.Next(words.Count)];
        return JsonValue.Create(random.Next(3) == 0 ? word[..^1] : word);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private static JsonObject RandomFacts(Random random)
    {
        string Date(int from, int to) => $"{random.Next(from, to)}-{random.Next(1, 13):00}-{random.Next(1, 29):00}";
        JsonArray Some<T>(VocabTable<T> table, int max) where T : struct, Enum =>
            new([.. table.Codes.OrderBy(_ => random.Next()).Take(random.Next(max + 1)).Select(c => (JsonNode)JsonValue.Create(c))]);
        var sites = new JsonArray();
        for (var s = 0; s < 1 + random.Next(4); s++)
        {
            var parts = Some(Vocab.Parts, 4);
            var systems = new JsonArray();
            for (var t = 0; t < random.Next(3); t++)
            {
                systems.Add(new JsonObject
                {
                    ["id"] = $"T{t}",
                    ["subsystems"] = Some(Vocab.Subsystems, 2),
                    ["covers"] = new JsonArray([.. parts.Where(_ => random.Next(2) == 0).Select(p => (JsonNode)JsonValue.Create(p!.GetValue<string>()))]),
                    ["newConstruction"] = random.Next(2) == 0,
                    ["designReview"] = new JsonObject { ["held"] = random.Next(3) > 0, ["organizer"] = Pick(random, Vocab.Organizers.Codes.ToList()), ["date"] = Date(2000, 2024) },
                    ["inspection"] = new JsonObject { ["held"] = random.Next(3) > 0, ["agencyQualified"] = random.Next(3) > 0, ["passed"] = random.Next(3) > 0, ["date"] = Date(2000, 2024) },
                    ["acceptance"] = new JsonObject { ["held"] = random.Next(3) > 0, ["passed"] = random.Next(3) > 0, ["policeParticipated"] = random.Next(3) > 0, ["date"] = Date(2000, 2024) },
                    ["inService"] = random.Next(2) == 0,
                    ["interfaceReserved"] = random.Next(3) > 0,
                    ["alarmNetworked"] = random.Next(3) > 0,
                    ["retentionDays"] = random.Next(0, 60),
                    ["products"] = new JsonArray(new JsonObject { ["model"] = "M", ["inCatalog"] = random.Next(4) > 0, ["meetsStandard"] = random.Next(4) > 0 }),
                    ["contractors"] = new JsonArray(new JsonObject { ["role"] = Pick(random, ["design", "construction", "supervision", "maintenance"]), ["qualified"] = random.Next(4) > 0 }),
                    ["personnelTrained"] = random.Next(3) > 0,
                });
            }
            var devices = new JsonArray();
            for (var d = 0; d < random.Next(4); d++)
            {
                devices.Add(new JsonObject { ["id"] = $"D{d}", ["captures"] = Some(Vocab.Captures, 2), ["zone"] = Pick(random, Vocab.Zones.Codes.ToList()) });
            }
            sites.Add(new JsonObject
            {
                ["id"] = $"S{s}",
                ["categories"] = new JsonArray(JsonValue.Create(Pick(random, Vocab.SiteCategories.Codes.ToList()))),
                ["publicArea"] = random.Next(5) == 0,
                ["large"] = random.Next(2) == 0,
                ["urban"] = random.Next(2) == 0,
                ["involvesStateSecrets"] = random.Next(4) == 0,
                ["holdsImportantItems"] = random.Next(2) == 0,
                ["parts"] = parts,
                ["systems"] = systems,
                ["devices"] = devices,
            });
        }
        var acts = new JsonArray();
        for (var a = 0; a < random.Next(4); a++)
        {
            acts.Add(new JsonObject
            {
                ["id"] = $"A{a}", ["kind"] = Pick(random, Vocab.ActKinds.Codes.ToList()), ["date"] = Date(2000, 2025),
                ["actor"] = Pick(random, Vocab.ActorKinds.Codes.ToList()), ["authorized"] = random.Next(2) == 0,
            });
        }
        var requests = new JsonArray();
        for (var r = 0; r < random.Next(3); r++)
        {
            requests.Add(new JsonObject
            {
                ["id"] = $"R{r}", ["date"] = Date(2000, 2025), ["requester"] = Pick(random, Vocab.RequesterKinds.Codes.ToList()),
                ["persons"] = random.Next(0, 4), ["credentialsShown"] = random.Next(2) == 0, ["unitCertificateShown"] = random.Next(2) == 0,
                ["registered"] = random.Next(2) == 0, ["investigationPower"] = random.Next(2) == 0, ["withinDutyScope"] = random.Next(2) == 0,
                ["action"] = Pick(random, Vocab.AccessActions.Codes.ToList()), ["usingUnitConsent"] = random.Next(2) == 0,
                ["policeApproval"] = random.Next(2) == 0, ["identityRecorded"] = random.Next(2) == 0,
                ["reasonRecorded"] = random.Next(2) == 0, ["timeRangeRecorded"] = random.Next(2) == 0,
            });
        }
        return new JsonObject
        {
            ["regulation"] = random.Next(2) == 0 ? "nmg-2007" : "province-2012",
            ["asOf"] = Date(2005, 2026),
            ["sites"] = sites,
            ["acts"] = acts,
            ["accessRequests"] = requests,
        };
    }
}
