using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;

namespace HeyHo.Api.Tests.Harness;

/// <summary>Pins a whole JSON response, with volatile values (ids, times, tokens) replaced by a placeholder.</summary>
public static class Snapshots
{
    public static void MatchJson(string json, params string[] volatileFields)
    {
        var node = JsonNode.Parse(json)!;
        Scrub(node, volatileFields);
        Snapshot.Match(JToken.Parse(node.ToJsonString()));
    }

    private static void Scrub(JsonNode node, string[] fields)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (fields.Contains(key) && obj[key] is not null)
                    {
                        obj[key] = "<scrubbed>";
                    }
                    else if (obj[key] is { } child)
                    {
                        Scrub(child, fields);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                {
                    Scrub(item, fields);
                }
                break;
        }
    }
}
