using Asciml.Core;
using MathNet.Numerics.LinearAlgebra;

namespace Asciml.Model.Creation;

/// <summary>A point on the 2D latent map.</summary>
public readonly record struct MapPoint(double X, double Y);

/// <summary>A rectangle of the latent map, as an XY pad or sliders over it show it (y grows upwards).</summary>
public readonly record struct MapBounds(double MinX, double MaxX, double MinY, double MaxY)
{
    /// <summary>−1 … 1 both ways: before any sound is placed.</summary>
    public static MapBounds Unit { get; } = new(-1, 1, -1, 1);

    /// <summary>The points' extent with a margin of 15 % of it on each side (at least 0.5), so no sound sits on the edge.</summary>
    public static MapBounds Around(IReadOnlyCollection<MapPoint> points)
    {
        if (points.Count == 0)
        {
            return Unit;
        }

        double minX = points.Min(p => p.X), maxX = points.Max(p => p.X), minY = points.Min(p => p.Y), maxY = points.Max(p => p.Y);
        double marginX = Math.Max((maxX - minX) * 0.15, 0.5), marginY = Math.Max((maxY - minY) * 0.15, 0.5);
        return new MapBounds(minX - marginX, maxX + marginX, minY - marginY, maxY + marginY);
    }

    public MapPoint Centre => new((MinX + MaxX) / 2, (MinY + MaxY) / 2);

    /// <summary>Where a point lies across the rectangle, 0..1 from the left (clamped).</summary>
    public double FractionX(double x) => Math.Clamp((x - MinX) / (MaxX - MinX), 0, 1);

    /// <summary>Where a point lies down the rectangle, 0..1 from the top (clamped).</summary>
    public double FractionY(double y) => Math.Clamp((MaxY - y) / (MaxY - MinY), 0, 1);

    /// <summary>A slider step of a hundredth of the width (at least 0.001).</summary>
    public double Step => Math.Max((MaxX - MinX) / 100, 1e-3);
}

/// <summary>
/// The 2D map of the latent space: PCA of the dataset's latent means. A sound sits at
/// ((z − mean)·pc1, (z − mean)·pc2). The inverse maps any point back to a full latent vector,
/// z = mean + x·pc1 + y·pc2: the two mapped directions take the point's values and every other direction
/// stays at the dataset mean. So <c>ToMap(ToLatent(p)) = p</c> exactly, while a dataset sound placed on the
/// map and decoded from there loses what lies outside the first two components (the map's explained
/// variance says how much).
/// </summary>
public sealed class LatentMap
{
    private LatentMap(float[] mean, float[] first, float[] second, double[] explained, IReadOnlyList<MapPoint> points)
    {
        Mean = mean;
        FirstComponent = first;
        SecondComponent = second;
        ExplainedVarianceRatio = explained;
        Points = points;
    }

    public float[] Mean { get; }
    public float[] FirstComponent { get; }
    public float[] SecondComponent { get; }

    /// <summary>Share of the latent means' variance along pc1 and pc2 (0..1 each).</summary>
    public IReadOnlyList<double> ExplainedVarianceRatio { get; }

    /// <summary>The dataset's sounds on the map, in input order.</summary>
    public IReadOnlyList<MapPoint> Points { get; }

    /// <summary>PCA of latent means (one row per sound; at least one).</summary>
    public static LatentMap Build(IReadOnlyList<float[]> latentMeans)
    {
        if (latentMeans.Count == 0)
        {
            throw new AscimlException("the latent map needs at least one sound");
        }

        int size = latentMeans[0].Length;
        if (size < 2 || latentMeans.Any(z => z.Length != size))
        {
            throw new AscimlException("the latent map needs latent vectors of one size, at least 2");
        }

        Matrix<double> data = Matrix<double>.Build.Dense(latentMeans.Count, size, (r, c) => latentMeans[r][c]);
        Vector<double> mean = data.ColumnSums() / latentMeans.Count;
        Matrix<double> centred = data - Matrix<double>.Build.Dense(latentMeans.Count, size, (_, c) => mean[c]);
        Matrix<double> covariance = centred.TransposeThisAndMultiply(centred) / Math.Max(1, latentMeans.Count - 1);
        var eigen = covariance.Evd(Symmetricity.Symmetric);
        // Eigenvalues come in ascending order: the last two columns are pc1 and pc2.
        Vector<double> first = Oriented(eigen.EigenVectors.Column(size - 1));
        Vector<double> second = Oriented(eigen.EigenVectors.Column(size - 2));
        double totalVariance = Math.Max(eigen.EigenValues.Sum(v => Math.Max(0, v.Real)), double.Epsilon);
        double[] explained =
        [
            Math.Max(0, eigen.EigenValues[size - 1].Real) / totalVariance,
            Math.Max(0, eigen.EigenValues[size - 2].Real) / totalVariance,
        ];

        var map = new LatentMap(ToFloat(mean), ToFloat(first), ToFloat(second), explained, []);
        return new LatentMap(map.Mean, map.FirstComponent, map.SecondComponent, explained, latentMeans.Select(map.ToMap).ToArray());
    }

    /// <summary>Where a latent vector lies on the map.</summary>
    public MapPoint ToMap(float[] latent)
    {
        double x = 0, y = 0;
        for (int i = 0; i < Mean.Length; i++)
        {
            double centred = latent[i] - Mean[i];
            x += centred * FirstComponent[i];
            y += centred * SecondComponent[i];
        }

        return new MapPoint(x, y);
    }

    /// <summary>The latent vector of a map point: mean + x·pc1 + y·pc2 (other directions at the dataset mean).</summary>
    public float[] ToLatent(MapPoint point)
    {
        var latent = new float[Mean.Length];
        for (int i = 0; i < latent.Length; i++)
        {
            latent[i] = (float)(Mean[i] + point.X * FirstComponent[i] + point.Y * SecondComponent[i]);
        }

        return latent;
    }

    /// <summary>Eigenvectors have no sign of their own; make the largest entry positive so maps are reproducible.</summary>
    private static Vector<double> Oriented(Vector<double> component)
    {
        int largest = component.AbsoluteMaximumIndex();
        return component[largest] < 0 ? -component : component;
    }

    private static float[] ToFloat(Vector<double> vector) => vector.Select(v => (float)v).ToArray();
}
