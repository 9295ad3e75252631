public class BuildPlan {

    public static String plan(int n, int[][] dependencies) {
        int[] order = TopoOrder.order(n, dependencies);
        if (n > 0 && order.length == 0) {
            return "cycle";
        }
        StringBuilder sb = new StringBuilder("groups=").append(Components.count(n, dependencies)).append(" order=");
        for (int i = 0; i < order.length; i++) {
            sb.append(i == 0 ? "" : ",").append(order[i]);
        }
        return sb.toString();
    }
}
