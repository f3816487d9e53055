using Asciml.Core;

namespace Asciml.Model.Vae;

/// <summary>A model file that cannot be read: missing, truncated, not a model, or from a newer version.</summary>
public sealed class ModelFileException(string message, Exception? inner = null)
    : AscimlException(message, inner ?? new InvalidDataException(message));

/// <summary>A model file whose preset is not the one asked for (e.g. resuming a `paper` run from a `lite` model).</summary>
public sealed class ModelPresetMismatchException(string message) : AscimlException(message);
