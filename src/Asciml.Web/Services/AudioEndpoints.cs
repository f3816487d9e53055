using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Core.Storage;

namespace Asciml.Web.Services;

/// <summary>WAV endpoints for the browser's players and downloads (16 kHz, or 44.1/48 kHz with ?rate=).</summary>
public static class AudioEndpoints
{
    public static void MapAudioEndpoints(this WebApplication app)
    {
        app.MapGet("/audio/sounds/{id}.wav", (string id, int? rate, Workspace workspace) =>
            Wav(() => workspace.Sounds.LoadModelInput(id), rate, $"{SafeName(workspace.Sounds.Find(id)?.Name ?? id)}.wav"));
        app.MapGet("/audio/reconstructions/{id}.wav", (string id, int? rate, ModelSessions sessions) =>
            Wav(() =>
            {
                using ModelLease lease = sessions.Lease() ?? throw new AscimlException("no model yet: train one first", ErrorKind.Unavailable);
                return lease.Session.Evaluation.Reconstruct(id).Reconstruction;
            }, rate, $"{id}-reconstruction.wav"));
        app.MapGet("/audio/generated/{token}.wav", (string token, int? rate, string? name, GeneratedAudio generated) =>
            Wav(() => generated.Find(token) ?? throw new AscimlException("this sound has expired; make it again", ErrorKind.NotFound), rate, $"{SafeName(name ?? "asciml-" + token)}.wav"));
        // The play page's keyboard sets: raw float32 clips, so the browser fills AudioBuffers without decoding.
        app.MapGet("/audio/play/{token}.f32", (string token, KeyboardRenders renders) =>
            renders.Find(token) is { } set
                ? Results.Bytes(KeyboardRenders.ToBytes(set), "application/octet-stream")
                : Results.Problem("this keyboard set has expired", statusCode: StatusCodes.Status404NotFound));
    }

    /// <summary>A WAV response, or the error as a problem with its kind's status code.</summary>
    public static IResult Wav(Func<MonoAudio> clip, int? rateHz, string downloadName)
    {
        try
        {
            byte[] bytes = AudioExport.ToWavBytes(clip(), rateHz ?? ModelInputFormat.SampleRateHz);
            return Results.File(bytes, "audio/wav", downloadName);
        }
        catch (AscimlException error)
        {
            // One mapping for every endpoint: a missing sound is 404, a bad request 400, no model yet 503.
            return Results.Problem(error.Message, statusCode: ErrorKinds.HttpStatus(error.Kind));
        }
    }

    private static string SafeName(string name) =>
        new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
