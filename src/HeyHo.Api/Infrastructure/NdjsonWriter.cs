using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace HeyHo.Api.Infrastructure;

/// <summary>Writes records as NDJSON, one <c>{"kind", "record"}</c> object a line, streamed in constant memory.</summary>
public sealed class NdjsonWriter(Stream body, JsonSerializerOptions options)
{
    private readonly PipeWriter _pipe = PipeWriter.Create(body);
    private Utf8JsonWriter? _writer;

    public sealed record Line<T>(string Kind, T Record);

    public async Task WriteAllAsync<T>(string kind, IAsyncEnumerable<T> records)
    {
        _writer ??= new Utf8JsonWriter(_pipe, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true });
        await foreach (var record in records)
        {
            JsonSerializer.Serialize(_writer, new Line<T>(kind, record), options);
            _writer.Flush(); // into the pipe's buffer, not the socket
            _writer.Reset();
            _pipe.Write("\n"u8);
            if (_pipe.UnflushedBytes >= 32 * 1024)
            {
                await _pipe.FlushAsync();
            }
        }
    }

    public ValueTask CompleteAsync() => _pipe.CompleteAsync();
}
