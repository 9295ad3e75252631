public class ShortestPaths {

    public static long[] distances(int n, int[][] edges, int source) {
        java.util.List<java.util.List<int[]>> adj = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            adj.add(new java.util.ArrayList<>());
        }
        for (int[] e : edges) {
            adj.get(e[0]).add(e);
        }
        long[] dist = new long[n];
        java.util.Arrays.fill(dist, -1);
        java.util.PriorityQueue<long[]> pq = new java.util.PriorityQueue<>(java.util.Comparator.comparingLong(a -> a[0]));
        pq.add(new long[] {0, source});
        boolean[] done = new boolean[n];
        while (!pq.isEmpty()) {
            long[] top = pq.poll();
            int u = (int) top[1];
            if (done[u]) {
                continue;
            }
            done[u] = true;
            dist[u] = top[0];
            for (int[] e : adj.get(u)) {
                if (!done[e[1]]) {
                    pq.add(new long[] {top[0] + e[2], e[1]});
                }
            }
        }
        return dist;
    }
}
