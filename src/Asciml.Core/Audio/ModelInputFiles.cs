namespace Asciml.Core.Audio;

/// <summary>What happened to one file of a conversion: written (with warnings) or why not, in one line naming the file.</summary>
public sealed record ConversionOutcome(string File, string? Error, IReadOnlyList<string> Warnings);

/// <summary>Files converted to model inputs on disk (`asciml convert`): <c>FOLDER/&lt;input name&gt;.wav</c> per input.</summary>
public static class ModelInputFiles
{
    /// <summary>
    /// Writes each file's model input (mono, 16 kHz, 16000 samples) to <paramref name="folder"/>, created if missing, in
    /// input order. One bad file never stops the others; two inputs of the same name are refused rather than one
    /// overwriting the other; a clip that peaks above full scale warns when 16-bit output would clip it.
    /// </summary>
    public static IReadOnlyList<ConversionOutcome> Convert(IReadOnlyList<string> paths, string folder, bool normalize = false, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentNullException.ThrowIfNull(paths);
        Directory.CreateDirectory(folder);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var outcomes = new List<ConversionOutcome>(paths.Count);
        foreach (string path in paths)
        {
            var warnings = new List<string>();
            try
            {
                string name = Path.GetFileNameWithoutExtension(path);
                if (!written.Add(name))
                {
                    throw new AscimlException($"{path}: another input already wrote {name}.wav; rename one of them");
                }

                MonoAudio clip = ModelInput.FromAudio(AudioFileReader.Read(path).Audio, normalize);
                if (format == WavSampleFormat.Pcm16 && clip.Samples.Any(s => MathF.Abs(s) > 1f))
                {
                    warnings.Add($"{path} peaks above full scale; 16-bit output clips it (use --float or --normalize)");
                }

                WavWriter.Write(Path.Combine(folder, name + ".wav"), clip, format);
                outcomes.Add(new ConversionOutcome(path, null, warnings));
            }
            catch (AscimlException error)
            {
                outcomes.Add(new ConversionOutcome(path, error.Message.ReplaceLineEndings(" "), warnings));
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or OverflowException)
            {
                outcomes.Add(new ConversionOutcome(path, $"{AudioLimits.DisplayName(path)}: {error.GetType().Name}: {error.Message.ReplaceLineEndings(" ")}", warnings));
            }
        }

        return outcomes;
    }
}
