using Asciml.Core;
using Asciml.Core.Audio;

namespace Asciml.Model.Creation;

/// <summary>Turns what a person names on the command line (an audio file path) into a model input.</summary>
public static class SoundReference
{
    public static MonoAudio Load(string reference)
    {
        if (File.Exists(reference))
        {
            return ModelInput.Load(reference);
        }

        throw new AscimlException($"sound '{reference}' is not an existing audio file: give a WAV path");
    }
}
