public class TopoOrder {

    public static int[] order(int n, int[][] dependencies) {
        java.util.List<java.util.List<Integer>> next = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            next.add(new java.util.ArrayList<>());
        }
        int[] indegree = new int[n];
        for (int[] d : dependencies) {
            next.get(d[0]).add(d[1]);
            indegree[d[1]]++;
        }
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (indegree[i] == 0) {
                ready.add(i);
            }
        }
        int[] out = new int[n];
        int k = 0;
        while (!ready.isEmpty()) {
            int u = ready.poll();
            out[k++] = u;
            for (int v : next.get(u)) {
                if (--indegree[v] == 0) {
                    ready.add(v);
                }
            }
        }
        return k == n ? out : new int[0];
    }
}
