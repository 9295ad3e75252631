public class Routes {

    public static String summary(int n, int[][] edges, int source) {
        long[] d = ShortestPaths.distances(n, edges, source);
        int reachable = 0;
        long farthest = 0;
        for (long x : d) {
            if (x >= 0) {
                reachable++;
                farthest = Math.max(farthest, x);
            }
        }
        return "reachable=" + reachable + " farthest=" + farthest + " islands=" + Components.count(n, edges);
    }
}
