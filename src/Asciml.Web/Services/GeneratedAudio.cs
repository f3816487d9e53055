using System.Collections.Concurrent;
using Asciml.Core.Audio;

namespace Asciml.Web.Services;

/// <summary>
/// Sounds made on the fly (auditions, interpolations, map clicks) kept briefly in memory so the browser can play or
/// download them by token. The oldest are dropped beyond <see cref="Capacity"/>.
/// </summary>
public sealed class GeneratedAudio
{
    public const int Capacity = 256;
    private readonly ConcurrentDictionary<string, MonoAudio> _clips = new();
    private readonly ConcurrentQueue<string> _order = new();

    public string Add(MonoAudio clip)
    {
        string token = Guid.NewGuid().ToString("N")[..16];
        _clips[token] = clip;
        _order.Enqueue(token);
        while (_order.Count > Capacity && _order.TryDequeue(out string? oldest))
        {
            _clips.TryRemove(oldest, out _);
        }

        return token;
    }

    public MonoAudio? Find(string token) => _clips.TryGetValue(token, out MonoAudio? clip) ? clip : null;
}
