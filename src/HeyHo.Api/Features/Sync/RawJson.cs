using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// JSON the client sent (metadata, idle periods, …), stored as text and written back verbatim: no parse and
/// re-serialise per item on the read path. The text was produced by the JSON reader at ingest, so it is valid.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed record RawJson(string Json)
{
    public sealed class Converter : JsonConverter<RawJson>
    {
        public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return new RawJson(document.RootElement.GetRawText());
        }

        public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}
