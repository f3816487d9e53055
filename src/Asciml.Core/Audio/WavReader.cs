using System.Buffers.Binary;

namespace Asciml.Core.Audio;

/// <summary>
/// Reads RIFF/WAVE: 8/16/24/32-bit PCM, 32/64-bit IEEE float, WAVE_FORMAT_EXTENSIBLE, any channel count (averaged to
/// mono) and rate. Unknown chunks (LIST, bext, cue, …) are skipped, honouring the pad byte of odd-sized chunks.
/// </summary>
public static class WavReader
{
    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    public static bool LooksLikeWav(ReadOnlySpan<byte> content) =>
        content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content[8..12].SequenceEqual("WAVE"u8);

    public static DecodedAudio Read(ReadOnlySpan<byte> content, string fileName)
    {
        fileName = AudioLimits.DisplayName(fileName);
        if (content.Length == 0)
        {
            throw new UnrecognizedAudioFileException($"{fileName}: the file is empty");
        }

        if (content.Length < 12)
        {
            throw new CorruptAudioFileException($"{fileName}: truncated WAV header ({content.Length} bytes; a WAV file starts with 12 bytes RIFF....WAVE)");
        }

        if (!LooksLikeWav(content))
        {
            throw new UnrecognizedAudioFileException($"{fileName}: not a WAV file (it does not start with RIFF....WAVE)");
        }

        var warnings = new List<string>();
        WavFormat? format = null;
        int dataOffset = -1;
        int dataLength = 0;
        int position = 12;
        while (position + 8 <= content.Length)
        {
            ReadOnlySpan<byte> id = content.Slice(position, 4);
            uint declaredSize = BinaryPrimitives.ReadUInt32LittleEndian(content[(position + 4)..]);
            int bodyStart = position + 8;
            long available = content.Length - bodyStart;
            if (id.SequenceEqual("fmt "u8))
            {
                if (declaredSize < 16 || declaredSize > available)
                {
                    throw new CorruptAudioFileException($"{fileName}: truncated WAV header (fmt chunk of {declaredSize} bytes, {available} present)");
                }

                format = WavFormat.Parse(content.Slice(bodyStart, (int)declaredSize), fileName);
            }
            else if (id.SequenceEqual("data"u8))
            {
                dataOffset = bodyStart;
                if (declaredSize > available)
                {
                    // 0xFFFFFFFF marks a stream written before its length was known; anything else is a cut file.
                    if (declaredSize != uint.MaxValue)
                    {
                        warnings.Add($"{fileName}: the data chunk claims {declaredSize} bytes but only {available} are present; reading what is there");
                    }

                    dataLength = (int)available;
                }
                else
                {
                    dataLength = (int)declaredSize;
                }

                if (format is not null)
                {
                    break;
                }
            }

            long next = (long)bodyStart + declaredSize + (declaredSize % 2);
            if (next > content.Length)
            {
                break;
            }

            position = (int)next;
        }

        if (format is null)
        {
            throw new CorruptAudioFileException($"{fileName}: truncated WAV header (no fmt chunk)");
        }

        if (dataOffset < 0)
        {
            throw new EmptyAudioException($"{fileName}: the WAV file has no data chunk, so no samples");
        }

        int frameCount = dataLength / format.BlockAlign;
        if (frameCount == 0)
        {
            throw new EmptyAudioException($"{fileName}: the WAV file holds no samples");
        }

        if (dataLength % format.BlockAlign != 0)
        {
            warnings.Add($"{fileName}: the data chunk ends in the middle of a frame; the partial frame is ignored");
        }

        float[] mono = new float[frameCount];
        double peak = format.Decode(content.Slice(dataOffset, frameCount * format.BlockAlign), mono, fileName);
        var info = new AudioFileInfo(format.Description, format.Channels, format.SampleRateHz, frameCount, peak);
        return new DecodedAudio(new MonoAudio(mono, format.SampleRateHz), info, warnings);
    }

    private sealed record WavFormat(ushort Encoding, int Channels, int SampleRateHz, int BlockAlign, int ContainerBytes, int BitsPerSample)
    {
        public string Description => Encoding == FormatFloat ? $"WAV float {BitsPerSample}-bit" : $"WAV PCM {BitsPerSample}-bit";

        public static WavFormat Parse(ReadOnlySpan<byte> fmt, string fileName)
        {
            ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
            int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
            uint rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
            int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
            int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
            ushort encoding = tag;
            if (tag == FormatExtensible)
            {
                if (fmt.Length < 40)
                {
                    throw new CorruptAudioFileException($"{fileName}: truncated WAV header (WAVE_FORMAT_EXTENSIBLE needs a 40-byte fmt chunk, found {fmt.Length})");
                }

                int validBits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[18..]);
                encoding = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]); // first two bytes of the sub-format GUID
                if (validBits > 0 && validBits <= bits)
                {
                    bits = validBits;
                }
            }

            if (channels == 0)
            {
                throw new UnsupportedAudioEncodingException($"{fileName}: the WAV header says 0 channels");
            }

            if (!AudioLimits.IsSupportedRate(rate))
            {
                throw new UnsupportedAudioEncodingException($"{fileName}: the WAV header says a sample rate of {rate} Hz (supported: {AudioLimits.SupportedRates})");
            }

            if (encoding != FormatPcm && encoding != FormatFloat)
            {
                throw new UnsupportedAudioEncodingException($"{fileName}: WAV codec 0x{encoding:X4} is not supported (only PCM and IEEE float); convert it with ffmpeg -i in.wav -c:a pcm_s16le out.wav");
            }

            int containerBytes = channels > 0 ? blockAlign / channels : 0;
            bool supported = encoding == FormatPcm
                ? bits is >= 1 and <= 32 && containerBytes is 1 or 2 or 3 or 4 && bits <= containerBytes * 8
                : (bits == 32 && containerBytes == 4) || (bits == 64 && containerBytes == 8);
            if (!supported)
            {
                string kind = encoding == FormatPcm ? "PCM" : "float";
                throw new UnsupportedAudioEncodingException($"{fileName}: {bits}-bit {kind} WAV in {containerBytes}-byte samples is not supported (PCM 8/16/24/32-bit, float 32/64-bit are)");
            }

            return new WavFormat(encoding, channels, (int)rate, blockAlign, containerBytes, bits);
        }

        /// <summary>Decodes and averages the channels into <paramref name="mono"/>; returns the peak over all channels.</summary>
        public double Decode(ReadOnlySpan<byte> data, float[] mono, string fileName)
        {
            double peak = 0;
            double channelScale = 1.0 / Channels;
            for (int frame = 0; frame < mono.Length; frame++)
            {
                double sum = 0;
                int frameStart = frame * BlockAlign;
                for (int channel = 0; channel < Channels; channel++)
                {
                    double sample = ReadSample(data.Slice(frameStart + (channel * ContainerBytes), ContainerBytes));
                    if (AudioLimits.WhyUnusable(sample) is { } why)
                    {
                        throw new NonFiniteAudioException($"{fileName}: sample {frame} of channel {channel + 1} is {why}; the file is damaged");
                    }

                    double magnitude = Math.Abs(sample);
                    if (magnitude > peak)
                    {
                        peak = magnitude;
                    }

                    sum += sample;
                }

                mono[frame] = (float)(sum * channelScale);
            }

            return peak;
        }

        private double ReadSample(ReadOnlySpan<byte> bytes)
        {
            if (Encoding == FormatFloat)
            {
                return ContainerBytes == 4 ? BinaryPrimitives.ReadSingleLittleEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes);
            }

            return ContainerBytes switch
            {
                1 => (bytes[0] - 128) / 128.0, // 8-bit WAV is unsigned
                2 => BinaryPrimitives.ReadInt16LittleEndian(bytes) / 32768.0,
                3 => ((bytes[0] << 8 | bytes[1] << 16 | bytes[2] << 24) >> 8) / 8388608.0,
                _ => BinaryPrimitives.ReadInt32LittleEndian(bytes) / 2147483648.0,
            };
        }
    }
}
