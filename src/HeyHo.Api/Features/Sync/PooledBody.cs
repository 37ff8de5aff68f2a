using System.Buffers;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// A request body read whole into a pooled array. Its size is not checked here: the body limit (RequestBodyLimits)
/// refuses a declared length over it, and the server stops a longer body while it is read.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    // A pool of its own: the shared pool caches arrays per thread, which kept a multi-megabyte array alive in every
    // thread that had once served a large body.
    private static readonly ArrayPool<byte> Bodies = ArrayPool<byte>.Create(maxArrayLength: 8 * 1024 * 1024, maxArraysPerBucket: 4);

    private byte[] _array;

    private PooledBody(int initialSize) => _array = Bodies.Rent(Math.Max(initialSize + 1, 4096));

    public int Length { get; private set; }

    public Memory<byte> Memory => _array.AsMemory(0, Length);

    public static async Task<PooledBody> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var body = new PooledBody((int)Math.Min(request.ContentLength ?? 64 * 1024, int.MaxValue - 1));
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(body.FreeSpace(), ct)) > 0)
            {
                body.Length += read;
            }
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    public void Dispose() => Bodies.Return(_array);

    private Memory<byte> FreeSpace()
    {
        if (Length == _array.Length)
        {
            var larger = Bodies.Rent(_array.Length * 2);
            _array.AsSpan(0, Length).CopyTo(larger);
            Bodies.Return(_array);
            _array = larger;
        }
        return _array.AsMemory(Length);
    }
}
