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

    /// <summary>Decoded 32-bit samples beyond this are refused (about 45 minutes of 48 kHz stereo).</summary>
    public const long MaxDecodedBytes = 512L * 1024 * 1024;

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
                if (AudioLimits.WhyUnusable(sample) is { } why)
                {
                    throw new NonFiniteAudioException($"{displayName}: decoded sample {frame} is {why}; the file is damaged");
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
            if (channels <= 0 || channels > 1024 || rate <= 0)
            {
                throw new UnsupportedAudioEncodingException($"{displayName}: the audio stream reports {channels} channels at {rate} Hz");
            }

            if (!AudioLimits.IsSupportedRate(rate))
            {
                throw new UnsupportedAudioEncodingException($"{displayName}: the audio stream has a sample rate of {rate} Hz (supported: {AudioLimits.SupportedRates})");
            }

            return (channels, rate, codec);
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or FormatException or InvalidOperationException or OverflowException)
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
            bool overLimit = false;
            Task copy = Task.Run(async () =>
            {
                byte[] chunk = new byte[81920];
                int count;
                Stream source = process.StandardOutput.BaseStream;
                while ((count = await source.ReadAsync(chunk).ConfigureAwait(false)) > 0)
                {
                    if (output.Length + count > MaxDecodedBytes)
                    {
                        overLimit = true;
                        try
                        {
                            process.Kill(entireProcessTree: true);
                        }
                        catch (InvalidOperationException)
                        {
                            // already gone
                        }

                        return;
                    }

                    output.Write(chunk, 0, count);
                }
            });
            Task<string> errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(DecodeTimeLimit))
            {
                process.Kill(entireProcessTree: true);
                throw new FfmpegDecodeException($"{displayName}: decoding took longer than {DecodeTimeLimit.TotalSeconds:0} s and was stopped");
            }

            copy.Wait();
            if (overLimit)
            {
                throw new AudioFileTooLargeException($"{displayName}: decodes to more than {MaxDecodedBytes / (1024 * 1024)} MB of samples; trim it first");
            }

            if (process.ExitCode != 0)
            {
                string reason = errors.Result.ReplaceLineEndings(" ").Trim();
                throw new FfmpegDecodeException($"{displayName}: {Path.GetFileName(executable)} could not decode the file ({(reason.Length > 200 ? reason[..200] : reason)})");
            }

            return output.ToArray();
        }
    }
}
