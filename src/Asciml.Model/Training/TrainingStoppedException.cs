using Asciml.Core;

namespace Asciml.Model.Training;

/// <summary>Training stopped on a NaN or infinite loss; the message says where, why, and what was kept.</summary>
public sealed class TrainingStoppedException(string message) : AscimlException(message);
