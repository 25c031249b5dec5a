package dev.voicefarm.common.audio.quality;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Dynamic time warping between two feature sequences: the monotonic frame pairing with the least
 * total Euclidean distance over the given coefficients, so that the same words spoken at different
 * speeds line up.
 */
public final class Dtw {

    private Dtw() {
    }

    /** Pairs {@code (i, j)} of aligned frames, from the first frames to the last. */
    public static List<int[]> align(double[][] a, double[][] b, int fromCoefficient, int toCoefficient) {
        int n = a.length;
        int m = b.length;
        if (n == 0 || m == 0) {
            throw new IllegalArgumentException("cannot align an empty sequence");
        }
        double[][] cost = new double[n + 1][m + 1];
        for (double[] row : cost) {
            java.util.Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        cost[0][0] = 0;
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                double d = distance(a[i - 1], b[j - 1], fromCoefficient, toCoefficient);
                cost[i][j] = d + Math.min(cost[i - 1][j - 1], Math.min(cost[i - 1][j], cost[i][j - 1]));
            }
        }
        List<int[]> path = new ArrayList<>();
        int i = n;
        int j = m;
        while (i > 0 && j > 0) {
            path.add(new int[] {i - 1, j - 1});
            double diagonal = cost[i - 1][j - 1];
            double up = cost[i - 1][j];
            double left = cost[i][j - 1];
            if (diagonal <= up && diagonal <= left) {
                i--;
                j--;
            } else if (up <= left) {
                i--;
            } else {
                j--;
            }
        }
        Collections.reverse(path);
        return path;
    }

    public static double distance(double[] x, double[] y, int from, int to) {
        double sum = 0;
        for (int d = from; d < to; d++) {
            double diff = x[d] - y[d];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }
}
