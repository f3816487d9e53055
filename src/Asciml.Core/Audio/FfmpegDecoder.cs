using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Asciml.Core.Audio;

/// <summary>
/// Decodes compressed audio (mp3, flac, ogg, m4a, aiff, …) by running ffmpeg/ffprobe as child processes — no shell,
/// with a time limit. $ASCIML_FFMPEG names the ffmpeg executable (ffprobe is looked for beside it); otherwise PATH.
/// </summary>
public static class FfmpegDecoder
{
    public const string EnvironmentVariable = "ASCIML_FFMPEG";
    private static readonly TimeSpan DecodeTimeLimit = TimeSpan.FromSeconds(60);

    public static string? LocateFfmpeg()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (configured is not null)
        {
            return File.Exists(configured) ? configured : null;
        }

        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, "ffmpeg");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static DecodedAudio Decode(string path, string displayName, string formatName)
    {
        string ffmpeg = LocateFfmpeg() ?? throw new FfmpegMissingException(
            $"{displayName}: {formatName} files need ffmpeg, which is not installed (Debian/Ubuntu: sudo apt install ffmpeg); WAV files work without it");
        string ffprobe = Path.Combine(Path.GetDirectoryName(ffmpeg)!, "ffprobe");
        (int channels, int sampleRateHz, string codec) = Probe(File.Exists(ffprobe) ? ffprobe : "ffprobe", path, displayName);

        byte[] raw = RunForOutput(ffmpeg, ["-v", "error", "-nostdin", "-i", path, "-map", "0:a:0", "-f", "f32le", "-acodec", "pcm_f32le", "-"], displayName);
        int frameCount = raw.Length / (4 * channels);
        if (frameCount == 0)
        {
            throw new EmptyAudioException($"{displayName}: the {formatName} file holds no samples");
        }

        float[] mono = new float[frameCount];
        double peak = 0;
        var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(raw.AsSpan(0, frameCount * 4 * channels));
        for (int frame = 0; frame < frameCount; frame++)
        {
            double sum = 0;
            for (int channel = 0; channel < channels; channel++)
            {
                float sample = samples[(frame * channels) + channel];
                if (!float.IsFinite(sample))
                {
                    throw new NonFiniteAudioException($"{displayName}: decoded sample {frame} is not a finite number; the file is damaged");
                }

                peak = Math.Max(peak, Math.Abs(sample));
                sum += sample;
            }

            mono[frame] = (float)(sum / channels);
        }

        var info = new AudioFileInfo(codec, channels, sampleRateHz, frameCount, peak);
        return new DecodedAudio(new MonoAudio(mono, sampleRateHz), info, []);
    }

    private static (int Channels, int SampleRateHz, string Codec) Probe(string ffprobe, string path, string displayName)
    {
        byte[] json = RunForOutput(ffprobe, ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=channels,sample_rate,codec_name", "-of", "json", path], displayName);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement streams = document.RootElement.GetProperty("streams");
            if (streams.GetArrayLength() == 0)
            {
                throw new EmptyAudioException($"{displayName}: the file has no audio stream");
            }

            JsonElement stream = streams[0];
            int channels = stream.GetProperty("channels").GetInt32();
            int rate = int.Parse(stream.GetProperty("sample_rate").GetString() ?? "0", CultureInfo.InvariantCulture);
            string codec = stream.TryGetProperty("codec_name", out JsonElement name) ? name.GetString() ?? "unknown" : "unknown";
            if (channels <= 0 || rate <= 0)
            {
                throw new UnsupportedAudioEncodingException($"{displayName}: the audio stream reports {channels} channels at {rate} Hz");
            }

            return (channels, rate, codec);
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new FfmpegDecodeException($"{displayName}: ffprobe could not describe the audio stream ({error.Message})");
        }
    }

    private static byte[] RunForOutput(string executable, IReadOnlyList<string> arguments, string displayName)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new FfmpegMissingException($"{displayName}: could not start {executable}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new FfmpegMissingException($"{displayName}: {Path.GetFileName(executable)} is not installed (Debian/Ubuntu: sudo apt install ffmpeg)");
        }

        using (process)
        {
            using var output = new MemoryStream();
            Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            Task<string> errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(DecodeTimeLimit))
            {
                process.Kill(entireProcessTree: true);
                throw new FfmpegDecodeException($"{displayName}: decoding took longer than {DecodeTimeLimit.TotalSeconds:0} s and was stopped");
            }

            copy.Wait();
            if (process.ExitCode != 0)
            {
                string reason = errors.Result.ReplaceLineEndings(" ").Trim();
                throw new FfmpegDecodeException($"{displayName}: {Path.GetFileName(executable)} could not decode the file ({(reason.Length > 200 ? reason[..200] : reason)})");
            }

            return output.ToArray();
        }
    }
}
